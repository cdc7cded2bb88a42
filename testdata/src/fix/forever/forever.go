// Package forever counts the attempts inside an endless loop and gives up,
// wrapping the last error, when the count reaches the limit.
package forever

import (
	"fmt"
	"time"
)

// TakeLock tries to take the named lock up to max times, 100ms apart.
func TakeLock(try func(name string) error, name string, max int) error {
	attempts := 0
	for { // want `hand-rolled retry loop`
		err := try(name)
		if err == nil {
			return nil
		}
		attempts++
		if attempts >= max {
			return fmt.Errorf("lock %s: giving up after %d attempts: %w", name, max, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
