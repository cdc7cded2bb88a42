// Package ignore silences retrylint with its own directive, which needs a reason.
package ignore

import "time"

func op() error { return nil }

func withReason() error {
	var err error
	//retrylint:ignore the startup probe must not depend on the retry package
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

func withoutReason() error {
	var err error
	// want +1 `^retrylint:ignore directive needs a reason`
	//retrylint:ignore
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop`
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

//retrylint:ignore wrappers are kept for the public API
func callWithRetry(op func() error) error {
	for {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
}
