// Package fatal retries only the errors that say they are temporary and
// returns any other error at once, unwrapped; when the tries run out it wraps
// the last error.
package fatal

import (
	"fmt"
	"time"
)

// Answer is a reply of the model server.
type Answer struct{ Text string }

// Ask sends the question up to maxTries times, 1s, 2s, 4s, ... apart, while
// the server says it is only temporarily unavailable.
func Ask(ask func(q string) (Answer, error), q string, maxTries int) (Answer, error) {
	var lastErr error
	for attempt := 0; attempt < maxTries; attempt++ { // want `hand-rolled retry loop`
		a, err := ask(q)
		if err == nil {
			return a, nil
		}
		if t, ok := err.(interface{ Temporary() bool }); !ok || !t.Temporary() {
			return Answer{}, err
		}
		lastErr = err
		if attempt < maxTries-1 {
			time.Sleep(time.Duration(1<<attempt) * time.Second)
		}
	}
	return Answer{}, fmt.Errorf("ask: no answer after %d tries: %w", maxTries, lastErr)
}
