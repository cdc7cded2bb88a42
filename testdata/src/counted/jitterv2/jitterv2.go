// Package jitterv2 draws an exponential, jittered delay from math/rand/v2.
package jitterv2

import (
	"math/rand/v2"
	"time"
)

type Index interface{ Refresh() error }

func refresh(ix Index) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ { // want `^hand-rolled retry loop \(5 attempts, computed delay with jitter\)`
		if err = ix.Refresh(); err == nil {
			return nil
		}
		d := 100 * time.Millisecond * time.Duration(1<<attempt)
		time.Sleep(d/2 + rand.N(d/2))
	}
	return err
}
