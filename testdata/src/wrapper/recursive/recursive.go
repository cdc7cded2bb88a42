// Package recursive retries by calling itself with one try fewer.
package recursive

import "time"

func callWithRetry(fn func() error, attempts int, delay time.Duration) error { // want `^hand-rolled retry function callWithRetry \(attempts attempts, exponential backoff from delay\) can be replaced by retry\.Do$`
	err := fn()
	if err == nil {
		return nil
	}
	if attempts <= 1 {
		return err
	}
	time.Sleep(delay)
	return callWithRetry(fn, attempts-1, delay*2)
}
