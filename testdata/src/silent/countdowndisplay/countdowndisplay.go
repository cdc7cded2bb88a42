// Package countdowndisplay shows a countdown: sleeping in a counted loop with
// nothing that can fail.
package countdowndisplay

import (
	"fmt"
	"time"
)

func countdown(w func(string)) {
	for i := 3; i > 0; i-- {
		w(fmt.Sprintf("starting in %d...", i))
		time.Sleep(time.Second)
	}
}
