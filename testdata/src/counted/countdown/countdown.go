// Package countdown counts the remaining tries down to zero.
package countdown

import (
	"errors"
	"time"
)

var errBusy = errors.New("busy")

func acquire() error { return errBusy }

func lockLoop(retries int) error {
	var err error
	for left := retries; left > 0; left-- { // want `^hand-rolled retry loop \(retries attempts, constant delay of 50ms\)`
		if err = acquire(); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}
