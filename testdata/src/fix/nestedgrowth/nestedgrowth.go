// Package nestedgrowth handles a failure in one branch that logs, gives up on
// the last try, waits and doubles its pause: the growth is read in that
// branch, not at the top of the loop.
package nestedgrowth

import "time"

// Sync pushes the state up to tries times, pausing 250ms, 500ms, 1s, ...
func Sync(push func() error, logf func(string, ...any), tries int) error {
	var lastErr error
	pause := 250 * time.Millisecond
	for n := 1; n <= tries; n++ { // want `hand-rolled retry loop`
		if err := push(); err != nil {
			lastErr = err
			logf("push %d/%d: %v", n, tries, err)
			if n == tries {
				break
			}
			time.Sleep(pause)
			pause *= 2
			continue
		}
		return nil
	}
	return lastErr
}
