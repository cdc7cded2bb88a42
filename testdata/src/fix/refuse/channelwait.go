package refuse

import (
	"context"
	"fmt"
	"time"
)

// WithBackoff waits on a timer made before the loop, reset after each
// failure to a doubled delay: a wait on the timer's channel, which the
// rewrite must not drop.
func WithBackoff(ctx context.Context, fn func() error) error {
	var err error
	backoff := 10 * time.Millisecond
	t := time.NewTimer(0)
	defer t.Stop()
	for { // want `no automatic fix: the loop waits on a channel that is not a timer it knows$`
		select {
		case <-ctx.Done():
			return fmt.Errorf("cancelled: %w", err)
		case <-t.C:
		}
		err = fn()
		if err == nil {
			return nil
		}
		backoff = min(backoff*2, time.Second)
		t.Reset(backoff)
	}
}
