// Package sentinel retries one error only, named by a sentinel: the loops
// test it alone, with no test against nil.
package sentinel

import (
	"errors"
	"fmt"
	"time"
)

// ErrBusy is what a try returns while someone else holds the lock.
var ErrBusy = errors.New("busy")

// Lock tries to take the lock up to ten times, 5ms apart, while it is busy;
// any other error, or none, ends it.
func Lock(try func() error) error {
	var err error
	for i := 0; i < 10; i++ { // want `hand-rolled retry loop \(10 attempts, constant delay of 5ms\)`
		err = try()
		if err != ErrBusy {
			return err
		}
		time.Sleep(5 * time.Millisecond)
	}
	return err
}

// Open opens up to five times, 10ms apart, while the error wraps ErrBusy.
func Open(open func() error) error {
	for i := 0; ; i++ { // want `hand-rolled retry loop \(5 attempts, constant delay of 10ms\)`
		err := open()
		if !errors.Is(err, ErrBusy) || i == 4 {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Release tries up to 12 times, 20ms apart, while the lock is busy, telling
// the errors apart with a switch; giving up says why.
func Release(try func() error) error {
	for range 12 { // want `hand-rolled retry loop \(12 attempts, constant delay of 20ms\)`
		if err := try(); err != nil {
			switch err {
			case ErrBusy:
				time.Sleep(20 * time.Millisecond)
				continue
			default:
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("release: still busy: %w", ErrBusy)
}
