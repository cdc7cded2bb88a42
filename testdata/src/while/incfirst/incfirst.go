// Package incfirst steps the counter before the operation and compares with ==.
package incfirst

import (
	"context"
	"time"
)

type Election interface {
	Campaign(ctx context.Context) error
}

func campaign(ctx context.Context, e Election) error {
	var tries int
	for { // want `^hand-rolled retry loop \(3 attempts, exponential backoff from 1s\)`
		tries++
		err := e.Campaign(ctx)
		if err == nil {
			return nil
		}
		if tries == 3 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(1<<(tries-1)) * time.Second):
		}
	}
}
