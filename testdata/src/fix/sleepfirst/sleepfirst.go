// Package sleepfirst waits at the top of the loop, before every try but the
// first, and closes what it opened with a defer before returning.
package sleepfirst

import (
	"io"
	"time"
)

// Download opens the resource up to three times, 1s apart, and reads it.
func Download(open func() (io.ReadCloser, error)) ([]byte, error) {
	var lastErr error
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		if i > 0 {
			time.Sleep(time.Second)
		}

		body, err := open()
		if err != nil {
			lastErr = err
			continue
		}
		defer body.Close()
		return io.ReadAll(body)
	}
	return nil, lastErr
}
