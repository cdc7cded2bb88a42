// Package breakerror counts the retries in an endless loop and leaves it with
// break, keeping the last error for the code after it.
package breakerror

import "time"

// Run calls op once and retries it up to limit times, 2s apart.
func Run(op func() error, logf func(string, ...any), limit int) error {
	retries := 0
	var err error
	for { // want `hand-rolled retry loop`
		err = op()
		if err == nil {
			break
		}
		if retries > limit-1 {
			break
		}
		retries++
		logf("retrying in 2s (%d/%d)", retries, limit)
		time.Sleep(2 * time.Second)
	}
	return err
}
