// Package capmin caps an exponential backoff with the min builtin.
package capmin

import "time"

const (
	baseDelay = 200 * time.Millisecond
	maxDelay  = 5 * time.Second
)

type Sender interface{ Send(b []byte) error }

func send(s Sender, b []byte) error {
	var err error
	for i := 0; i < 10; i++ { // want `^hand-rolled retry loop \(10 attempts, exponential backoff from 200ms capped at 5s\)`
		if err = s.Send(b); err == nil {
			return nil
		}
		time.Sleep(min(baseDelay<<i, maxDelay))
	}
	return err
}
