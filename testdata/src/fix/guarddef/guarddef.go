// Package guarddef computes its pause inside the if that skips the pause
// after the last try, as a generic helper would.
package guarddef

import (
	"fmt"
	"math"
	"time"
)

// Query runs run up to max times, pausing 40ms, 120ms, 360ms, ... between
// tries, and returns the last value it got.
func Query[T any](run func() (T, error), max int) (T, error) {
	var out T
	var lastErr error
	for try := 1; try <= max; try++ { // want `hand-rolled retry loop`
		var err error
		out, err = run()
		if err == nil {
			return out, nil
		}
		lastErr = err
		if try < max {
			wait := time.Duration(math.Pow(3, float64(try-1))) * 40 * time.Millisecond
			time.Sleep(wait)
		}
	}
	return out, fmt.Errorf("query failed %d times: %w", max, lastErr)
}
