// Package nowait tries a compare-and-swap again at once when it loses a race,
// a few times: a retry with no pause, which retry.NoDelay says.
package nowait

import "errors"

var errRace = errors.New("lost race")

type Slot interface{ CompareAndSwap() error }

func swap(s Slot) error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, no delay\)`
		if err = s.CompareAndSwap(); err == nil {
			return nil
		}
	}
	return err
}
