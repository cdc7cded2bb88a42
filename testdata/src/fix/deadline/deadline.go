// Package deadline retries until a deadline computed right before the loop.
package deadline

import "time"

// Join asks to join the cluster until timeout has passed, waiting 100ms,
// 200ms, 400ms, ... between the tries.
func Join(join func() error, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	backoff := 100 * time.Millisecond
	var err error
	for time.Now().Before(deadline) { // want `hand-rolled retry loop`
		if err = join(); err == nil {
			return nil
		}
		time.Sleep(backoff)
		backoff *= 2
	}
	return err
}
