// Package helperimported waits through helpers declared in another package.
package helperimported

import (
	"context"
	"time"

	"waitutil"
)

type Bus interface {
	Emit(ctx context.Context, ev string) error
}

func emit(ctx context.Context, b Bus, ev string) error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 1s\)`
		if err = b.Emit(ctx, ev); err == nil {
			return nil
		}
		if werr := waitutil.Pause(ctx, time.Second); werr != nil {
			return werr
		}
	}
	return err
}

func emitNap(b Bus, ev string) error {
	var err error
	for i := 0; i < 2; i++ { // want `^hand-rolled retry loop \(2 attempts, constant delay of 5ms\)`
		if err = b.Emit(context.Background(), ev); err == nil {
			return nil
		}
		waitutil.Nap(5 * time.Millisecond)
	}
	return err
}

func emitBackoff(b Bus, ev string) error {
	var err error
	for i := 0; i < 4; i++ { // want `^hand-rolled retry loop \(4 attempts\)`
		if err = b.Emit(context.Background(), ev); err == nil {
			return nil
		}
		waitutil.Backoff(i)
	}
	return err
}
