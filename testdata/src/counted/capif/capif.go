// Package capif caps a doubled delay with an if.
package capif

import (
	"context"
	"time"
)

type Registry interface {
	Register(ctx context.Context, name string) error
}

func register(ctx context.Context, r Registry, name string) error {
	backoff := 100 * time.Millisecond
	var err error
	for i := 0; i < 7; i++ { // want `^hand-rolled retry loop \(7 attempts, exponential backoff from 100ms capped at 2s\)`
		err = r.Register(ctx, name)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
		if backoff > 2*time.Second {
			backoff = 2 * time.Second
		}
	}
	return err
}
