// Package jitter computes each pause with a random part drawn from an
// injected source, in a variable of the body.
package jitter

import "time"

// Renew renews a lease up to five times; the pause after try i (from 0) is
// 50ms*2^i plus up to as much again, at random.
func Renew(renew func() error, rnd func() float64, logf func(string, ...any)) error {
	var err error
	for i := 0; i < 5; i++ { // want `hand-rolled retry loop`
		if err = renew(); err == nil {
			return nil
		}
		logf("renew failed: %v", err)
		d := 50 * time.Millisecond << i
		jitter := time.Duration(rnd() * float64(d))
		time.Sleep(d + jitter)
	}
	return err
}
