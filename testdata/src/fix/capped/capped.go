// Package capped doubles a delay variable after each wait, up to a cap.
package capped

import (
	"fmt"
	"time"
)

// Flush flushes up to eight times, waiting 100ms, 200ms, 400ms, then 500ms.
func Flush(flush func() error) error {
	var (
		err  error
		wait = 100 * time.Millisecond
	)
	for tries := 0; tries < 8; tries++ { // want `hand-rolled retry loop`
		if err = flush(); err == nil {
			return nil
		}
		time.Sleep(wait)
		wait = min(wait*2, 500*time.Millisecond)
	}
	return fmt.Errorf("flush: %w", err)
}
