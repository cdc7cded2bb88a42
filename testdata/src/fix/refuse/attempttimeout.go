package refuse

import (
	"context"
	"time"
)

// Each attempt gets its own two-second context while the wait watches the
// caller's: retry.Do hands its closure the context the wait watches.
func pingEach(ctx context.Context, ping func(context.Context) error) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the wait watches a context the operation does not get$`
		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
		err = ping(actx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return err
}
