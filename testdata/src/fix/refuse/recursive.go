package refuse

import "time"

// callWithRetry tells the operation how many tries are left: each call of
// the function makes another attempt than the last, which one closure
// cannot.
func callWithRetry(fn func(left int) error, attempts int, delay time.Duration) error { // want `no automatic fix: the function retries by calling itself$`
	err := fn(attempts)
	if err == nil {
		return nil
	}
	if attempts <= 1 {
		return err
	}
	time.Sleep(delay)
	return callWithRetry(fn, attempts-1, delay*2)
}
