// Package exitwork holds a retry whose last failure does work of its own,
// on the way out, where the others wait.
package exitwork

import "time"

// Notify posts up to three times, a second apart, and says it gave up
// once the last post failed.
func Notify(post func() error, logf func(format string, args ...any)) error {
	var err error
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop \(3 attempts, constant delay of 1s\)`
		if err = post(); err == nil {
			return nil
		}
		if i < 2 {
			time.Sleep(time.Second)
		} else {
			logf("notify: giving up: %v", err)
		}
	}
	return err
}
