// Package guard does not sleep after the final attempt.
package guard

import (
	"errors"
	"time"
)

const attempts = 3

var errConflict = errors.New("conflict")

func commit() error { return errConflict }

func commitTx() error {
	var err error
	for i := 0; i < attempts; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 10ms\)`
		err = commit()
		if err == nil {
			return nil
		}
		if i < attempts-1 {
			time.Sleep(10 * time.Millisecond)
		}
	}
	return err
}
