package refuse

import (
	"context"
	"fmt"
	"time"
)

// When the context ends the loop returns an error of its own that names both
// the context's end and the last failure: the rewrite's branch for the end of
// the context has the context's error, not the last failure.
func ackAll(ctx context.Context, ack func(context.Context) error) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the code does something the rewrite cannot keep when the context ends$`
		if err = ack(ctx); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		case <-time.After(time.Second):
		}
	}
	return err
}
