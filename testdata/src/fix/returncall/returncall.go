// Package returncall waits for a process with a check that both runs the
// operation and tests its error in one if statement.
package returncall

import (
	"fmt"
	"time"
)

// WaitReady checks up to twenty times, 250ms apart, then once more to tell
// the caller why it gave up.
func WaitReady(check func(what string) error) error {
	for range 20 { // want `hand-rolled retry loop`
		if err := check("ready"); err == nil {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	if err := check("ready"); err != nil {
		return fmt.Errorf("not ready: %w", err)
	}
	return nil
}
