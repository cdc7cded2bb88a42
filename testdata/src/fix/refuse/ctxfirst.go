package refuse

import "context"

// Rescind tests its context before every attempt, the first included: on an
// ended context it makes no call, where retry.Do would make one.
func Rescind(ctx context.Context, del func(context.Context) error) {
	for ctx.Err() == nil { // want `no automatic fix: work before the call may end the loop$`
		if err := del(ctx); err == nil {
			return
		}
	}
}
