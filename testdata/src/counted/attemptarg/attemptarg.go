// Package attemptarg passes the attempt number to the operation, for its
// logs: the call is the same one each time, so the loop is a retry, not a
// walk over candidates.
package attemptarg

import (
	"context"
	"time"
)

// Commit runs the transaction up to five times, 10ms apart, telling it
// which try it is.
func Commit(ctx context.Context, txn func(ctx context.Context, try int) error) error {
	var err error
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, constant delay of 10ms\) can be replaced by retry\.Do; no automatic fix: the counter is read in a way the rewrite cannot keep$`
		if err = txn(ctx, i); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}
