package refuse

import "time"

// callWithRetry calls itself again after a pause: its callers pass the
// attempts and the delay, which a rewrite would have to follow everywhere.
func callWithRetry(fn func() error, attempts int, delay time.Duration) error { // want `no automatic fix: the function retries by calling itself$`
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
