// Package progress redraws a spinner; writing fails rarely and is not retried.
package progress

import (
	"fmt"
	"io"
	"time"
)

func spin(w io.Writer, frames int) error {
	for i := 0; i < frames; i++ {
		if _, err := fmt.Fprintf(w, "\r%c", `|/-\`[i%4]); err != nil {
			return err
		}
		time.Sleep(80 * time.Millisecond)
	}
	return nil
}
