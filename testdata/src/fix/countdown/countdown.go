// Package countdown counts the tries left down to zero.
package countdown

import "time"

// Acquire tries to take a lock retries times, 50ms apart.
func Acquire(acquire func() error, retries int) error {
	var err error
	for left := retries; left > 0; left-- { // want `hand-rolled retry loop`
		if err = acquire(); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}
