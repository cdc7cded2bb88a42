// Package nilpred holds loops that test an error with a predicate of the
// package's own but do not retry: success goes on to the next item.
package nilpred

import (
	"errors"
	"time"
)

var errThrottled = errors.New("throttled")

// isThrottled is false for a nil error.
func isThrottled(err error) bool {
	return errors.Is(err, errThrottled)
}

// sendAll sends batches 0 to n-1, pausing after a throttled one: each pass
// sends the next batch, whatever happened to this one.
func sendAll(send func(int) error, n int) error {
	for i := 0; i < n; i++ {
		err := send(i)
		if isThrottled(err) {
			time.Sleep(time.Second)
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}
