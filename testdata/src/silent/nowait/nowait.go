// Package nowait tries again at once: there is no wait to replace, and the
// loops here are tight retries of lock-free operations.
package nowait

import (
	"errors"
	"runtime"
)

var errRace = errors.New("lost race")

type Slot interface{ CompareAndSwap() error }

func swap(s Slot) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = s.CompareAndSwap(); err == nil {
			return nil
		}
	}
	return err
}

func spin(s Slot) error {
	var err error
	for i := 0; i < 100; i++ {
		if err = s.CompareAndSwap(); err == nil {
			return nil
		}
		runtime.Gosched()
	}
	return err
}
