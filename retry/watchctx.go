package retry

import "time"

// ctxMode is how Do treats ctx between calls.
type ctxMode uint8

const (
	// ctxInterrupt: stop when ctx ends, or when the next wait would outlast its deadline,
	// and return an *InterruptedError (the default).
	ctxInterrupt ctxMode = iota
	// ctxReturnErr: stop as ctxInterrupt does, and return what ctx.Err() says.
	ctxReturnErr
	// ctxIgnore: never look at ctx between calls.
	ctxIgnore
	// ctxReturnLast: stop as ctxInterrupt does, and return the operation's last error.
	ctxReturnLast
)

// WaitsIgnoreCtx makes Do deaf to ctx between calls: it still passes ctx to the operation, but
// never consults it itself. Every wait runs its full length even when ctx has ended, a wait
// that outlasts ctx's deadline is still started, and Do never returns an *InterruptedError:
// it stops only on success, on the attempts, on the classifiers, on MaxElapsed or on a
// budget. This is exactly a loop whose waits were time.Sleep(d) while the operation got ctx.
//
// It is one explicit option so that the choice shows where it is made: deleting it opts the
// call into cancellation. WaitsIgnoreCtx, ReturnCtxErr and ReturnLastErr set the same thing,
// how Do treats ctx between calls, so the last of them wins.
func WaitsIgnoreCtx() Option { return Option{x: optWatchCtx, d1: time.Duration(ctxIgnore)} }

// ReturnCtxErr makes Do return exactly what ctx.Err() returns (context.Canceled or
// context.DeadlineExceeded, the same values, so == holds) when it stops because ctx ended
// between calls, instead of an *InterruptedError; when the next wait is not started because
// it would outlast ctx's deadline, Do returns context.DeadlineExceeded. This is exactly a loop
// whose wait was
//
//	select {
//	case <-ctx.Done():
//		return ctx.Err()
//	case <-time.After(d):
//	}
//
// The operation's last error is then not part of what Do returns; OnFailure has seen it.
// WaitsIgnoreCtx, ReturnCtxErr and ReturnLastErr set the same thing, so the last of them wins.
func ReturnCtxErr() Option { return Option{x: optWatchCtx, d1: time.Duration(ctxReturnErr)} }

// ReturnLastErr makes Do return the operation's last error, unchanged, when it stops because
// ctx ended between calls (or the next wait would outlast ctx's deadline), instead of an
// *InterruptedError. This is exactly a loop whose wait was
//
//	select {
//	case <-ctx.Done():
//		return err // the last attempt's error
//	case <-time.After(d):
//	}
//
// WaitsIgnoreCtx, ReturnCtxErr and ReturnLastErr set the same thing, so the last of them wins.
func ReturnLastErr() Option { return Option{x: optWatchCtx, d1: time.Duration(ctxReturnLast)} }
