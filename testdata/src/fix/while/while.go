// Package while counts the attempts in a variable declared before the loop
// and logs each failure with the count.
package while

import (
	"fmt"
	"time"
)

const (
	maxUpsertAttempts = 4
	upsertBackoffStep = 250 * time.Millisecond
)

// Upsert writes a batch, trying again 250ms, 500ms, then 750ms later.
func Upsert(upsert func(batch []string) error, logf func(msg string, args ...any), batch []string) error {
	attempt := 0
	var err error
	for attempt < maxUpsertAttempts { // want `hand-rolled retry loop`
		err = upsert(batch)
		if err == nil {
			return nil
		}
		attempt++
		logf("upsert failed", "attempt", attempt, "err", err)
		time.Sleep(time.Duration(attempt) * upsertBackoffStep)
	}
	return fmt.Errorf("writing %d documents: %w", len(batch), err)
}
