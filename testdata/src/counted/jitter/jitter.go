// Package jitter spreads clients out with math/rand.
package jitter

import (
	"math/rand"
	"time"
)

type Lease interface{ Renew() error }

func renew(l Lease) error {
	base := time.Second
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, computed delay with jitter\)`
		if err = l.Renew(); err == nil {
			return nil
		}
		time.Sleep(base + time.Duration(rand.Int63n(int64(base))))
	}
	return err
}
