// Package backoffx is a team's own retry wrapper; with -retrypkg pointing at
// it, its loop is not reported.
package backoffx

import "time"

// Do calls fn up to n times.
func Do(fn func() error, n int) error {
	var err error
	for i := 0; i < n; i++ {
		if err = fn(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
