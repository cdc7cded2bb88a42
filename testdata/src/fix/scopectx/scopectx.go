// Package scopectx has a loop that ignores the context it is given: with
// -scopectx, the fix passes that context to retry.Do, a change the fix
// message names.
package scopectx

import (
	"context"
	"time"
)

// Save writes record up to four times, 250ms apart; it passes ctx to the call
// but does not stop waiting when ctx ends.
func Save(ctx context.Context, write func(ctx context.Context, record string) error, record string) error {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		if err = write(ctx, record); err == nil {
			return nil
		}
		time.Sleep(250 * time.Millisecond)
	}
	return err
}
