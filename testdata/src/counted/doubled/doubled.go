// Package doubled keeps the delay in a variable and doubles it after each wait.
package doubled

import (
	"fmt"
	"time"
)

type Conn interface{ Handshake() error }

func handshake(c Conn) error {
	delay := 50 * time.Millisecond
	var err error
	for i := 0; i < 8; i++ { // want `^hand-rolled retry loop \(8 attempts, exponential backoff from 50ms\)`
		if err = c.Handshake(); err == nil {
			return nil
		}
		time.Sleep(delay)
		delay *= 2
	}
	return fmt.Errorf("handshake: %w", err)
}
