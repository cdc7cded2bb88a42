// Package jitterrand draws the jitter of its delay from a *rand.Rand of its
// own, not from the package's functions: the delay is random all the same.
package jitterrand

import (
	"math/rand/v2"
	"time"
)

type Index interface{ Refresh() error }

func refresh(ix Index, rnd *rand.Rand) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ { // want `^hand-rolled retry loop \(5 attempts, computed delay with jitter\)`
		if err = ix.Refresh(); err == nil {
			return nil
		}
		time.Sleep(100*time.Millisecond + time.Duration(rnd.Int64N(int64(100*time.Millisecond))))
	}
	return err
}
