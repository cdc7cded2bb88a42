// Package inbody leaves when the time budget is spent, checked after a failure.
package inbody

import (
	"fmt"
	"time"
)

type Migrator interface{ Migrate() error }

func migrate(m Migrator, limit time.Duration) error {
	start := time.Now()
	for { // want `^hand-rolled retry loop \(for up to limit, constant delay of 1s\)`
		err := m.Migrate()
		if err == nil {
			return nil
		}
		if time.Since(start) > limit {
			return fmt.Errorf("migrations did not apply within %v: %w", limit, err)
		}
		time.Sleep(time.Second)
	}
}
