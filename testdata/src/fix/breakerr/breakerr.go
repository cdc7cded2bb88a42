// Package breakerr leaves the loop with break and checks the error after it;
// each failure is logged with its attempt number.
package breakerr

import (
	"fmt"
	"time"
)

// Fetch calls fetch up to three times, 100ms then 200ms apart, and returns
// what the last call read.
func Fetch(fetch func() ([]byte, error), logf func(format string, args ...any)) ([]byte, error) {
	var (
		data []byte
		err  error
	)
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		data, err = fetch()
		if err == nil {
			break
		}
		logf("fetch attempt %d failed: %v", i+1, err)
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	return data, nil
}
