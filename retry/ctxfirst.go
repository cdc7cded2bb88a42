package retry

import "context"

// CheckCtxFirst makes Do look at ctx before its first call too, not only between calls: when
// ctx has already ended, Do makes no call at all and returns what it returns when ctx ends
// between calls, an *InterruptedError (with Attempts 0 and a nil Err), or ctx.Err() itself with
// ReturnCtxErr. With ReturnLastErr or WaitsIgnoreCtx, which have no last error to return then,
// it returns ctx.Err(). This is exactly a loop that tests its context at the top:
//
//	for ctx.Err() == nil {
//		if err := op(ctx); err == nil {
//			return nil
//		}
//	}
//	return ctx.Err()
//
// Without it, Do always makes the first call and leaves it to the operation to notice an ended
// ctx. Do with CheckCtxFirst builds its config before the first call, which costs a little
// on the first-success path (no allocation).
func CheckCtxFirst() Option { return Option{x: startCtxFirst} }

// ctxEnded ends Do before its first call when CheckCtxFirst is set and ctx has ended; ok
// reports whether it did.
func (c *config) ctxEnded(ctx context.Context, p *progress) (err error, ok bool) {
	if !c.ctxFirst {
		return nil, false
	}
	cause, ctxErr := interruption(ctx)
	if cause == nil {
		return nil, false
	}
	if c.ctxMode != ctxInterrupt {
		// ReturnCtxErr; ReturnLastErr and WaitsIgnoreCtx, with no last error
		return c.done(ctx, 0, ctxErr, StopInterrupted, p), true
	}
	return c.done(ctx, 0, &InterruptedError{Cause: cause, CtxErr: ctxErr}, StopInterrupted, p), true
}
