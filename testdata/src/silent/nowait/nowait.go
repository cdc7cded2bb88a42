// Package nowait spins on a lock-free operation, yielding the processor
// between tries: a spin on contention, not a retry of a failed call.
package nowait

import "runtime"

type Slot interface{ CompareAndSwap() error }

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
