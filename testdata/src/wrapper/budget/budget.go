// Package budget wraps a time-bounded loop in a method named for it.
package budget

import "time"

type Syncer struct{ window time.Duration }

func (s *Syncer) syncWithRetry(sync func() error) error { // want `^hand-rolled retry function syncWithRetry \(for up to s\.window, constant delay of 250ms\)`
	start := time.Now()
	for {
		err := sync()
		if err == nil {
			return nil
		}
		if time.Since(start) >= s.window {
			return err
		}
		time.Sleep(250 * time.Millisecond)
	}
}
