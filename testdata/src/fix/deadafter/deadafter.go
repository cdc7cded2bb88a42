// Package deadafter returns from every way out of its loop, the last try
// included, so the code after the loop never runs: it goes with the loop
// (left after a call that returns, it would not compile).
package deadafter

import "time"

// Save writes the record up to 3 times, a second apart.
func Save(write func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		if err = write(); err == nil {
			return nil
		}
		if i == 2 {
			return err
		}
		time.Sleep(time.Second)
	}
	return err
}
