// Package quadratic waits i*i*100ms after failure i, and not after the last.
package quadratic

import (
	"errors"
	"time"
)

var errClosed = errors.New("connection closed")

type Task interface{ Stop() error }

func stop(t Task) error {
	const maxRetries = 3
	var err error
	for i := 1; i <= maxRetries; i++ { // want `^hand-rolled retry loop \(3 attempts, computed delay\)`
		err = t.Stop()
		if err == nil {
			return nil
		}
		if !errors.Is(err, errClosed) {
			return err
		}
		if i+1 <= maxRetries {
			time.Sleep(time.Duration(100*i*i) * time.Millisecond)
		}
	}
	return err
}
