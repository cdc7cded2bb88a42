// Package unbounded retries until success or until the context ends.
package unbounded

import (
	"context"
	"time"
)

func retryOperation(ctx context.Context, op func(context.Context) error) error { // want `^hand-rolled retry function retryOperation \(constant delay of 5s\)`
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(5 * time.Second):
		}
	}
}
