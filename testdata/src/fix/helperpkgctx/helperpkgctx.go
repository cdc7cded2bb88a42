// Package helperpkgctx waits through a helper of another package that
// returns the context's error when the context ends first: the helper's fact
// says so, since its body is not in this package.
package helperpkgctx

import (
	"context"
	"fmt"
	"time"

	"waitutil"
)

// Send delivers msg up to four times, 300ms apart, and stops when ctx ends.
func Send(ctx context.Context, send func(ctx context.Context, msg string) error, msg string) error {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		if err = send(ctx, msg); err == nil {
			return nil
		}
		if werr := waitutil.Pause(ctx, 300*time.Millisecond); werr != nil {
			return fmt.Errorf("send %q: %w", msg, werr)
		}
	}
	return err
}
