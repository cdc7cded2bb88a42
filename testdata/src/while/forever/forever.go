// Package forever checks the count inside an endless loop.
package forever

import (
	"fmt"
	"time"
)

type Locker interface{ TryLock(name string) error }

func takeLock(l Locker, name string, max int) error {
	attempts := 0
	for { // want `^hand-rolled retry loop \(max attempts, constant delay of 100ms\)`
		err := l.TryLock(name)
		if err == nil {
			return nil
		}
		attempts++
		if attempts >= max {
			return fmt.Errorf("lock %s: giving up after %d attempts: %w", name, attempts, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
