// Package ticker refreshes on every tick: periodic work, not retries.
package ticker

import (
	"context"
	"log"
	"time"
)

type Cache interface{ Reload() error }

func keepFresh(ctx context.Context, c Cache) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := c.Reload(); err != nil {
				log.Printf("reload: %v", err)
			}
		}
	}
}

func firstReload(c Cache) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var err error
	for range t.C {
		if err = c.Reload(); err == nil {
			return nil
		}
	}
	return err
}
