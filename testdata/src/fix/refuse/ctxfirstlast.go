package refuse

import "context"

// Drain tests its context before every attempt, the first included, and
// returns the last error once it ended: before the first attempt that is
// the err of the function, which retry.Do has no way to return.
func Drain(ctx context.Context, flush func(context.Context) error) error {
	var err error
	for { // want `no automatic fix: work before the call may end the loop$`
		select {
		case <-ctx.Done():
			return err
		default:
		}
		if err = flush(ctx); err == nil {
			return nil
		}
	}
}
