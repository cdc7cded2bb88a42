// Package recursivebranch retries from inside the failure branch, counting
// the attempts down before calling itself with a doubled pause.
package recursivebranch

import "time"

type permanent struct{ error }

func retry(attempts int, pause time.Duration, fn func() error) (err error) { // want `^hand-rolled retry function retry \(attempts attempts, exponential backoff from pause\) can be replaced by retry\.Do$`
	if err = fn(); err != nil {
		if p, ok := err.(permanent); ok {
			return p.error
		}
		if attempts--; attempts > 0 {
			time.Sleep(pause)
			return retry(attempts, 2*pause, fn)
		}
	}
	return err
}
