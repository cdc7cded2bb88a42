package retry

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrStopped is what a *StoppedError matches with errors.Is.
var ErrStopped = errors.New("retry: stopped")

// StoppedError is what Do returns when the channel of WaitsEndOn or StopBefore was ready. errors.Is
// matches both ErrStopped and the last error of the operation (none when StopBefore stopped
// Do before its first call).
type StoppedError struct {
	Attempts int   // calls made
	Err      error // the last error of the operation; nil when no call was made
}

var _ interface {
	error
	Unwrap() []error
} = (*StoppedError)(nil)

// Error says how many calls were made and the last error.
func (e *StoppedError) Error() string {
	if e.Err == nil {
		return "retry: stopped before the first attempt"
	}
	return fmt.Sprintf("retry: stopped after %d %s; last error: %v",
		e.Attempts, plural(e.Attempts, "attempt", "attempts"), e.Err)
}

// Unwrap returns ErrStopped and the last error, so that errors.Is and errors.As see both.
func (e *StoppedError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrStopped}
	}
	return []error{ErrStopped, e.Err}
}

// Stopped reports whether err says that Do stopped because the channel of WaitsEndOn or
// StopBefore was ready: errors.Is(err, ErrStopped). Code that did something of its own then
// tells that case apart with it:
//
//	err := retry.Do(ctx, op, retry.Attempts(5), retry.WaitsEndOn(quit, nil))
//	if retry.Stopped(err) {
//		return errShutdown
//	}
func Stopped(err error) bool { return errors.Is(err, ErrStopped) }

// WaitsEndOn makes every wait of Do also end when ch is ready, because a value was sent on it or it
// was closed: Do then makes no further call and returns a *StoppedError, after storing the
// value received in *got unless got is nil. A wait of no length still looks at ch, without
// blocking. This is exactly a loop whose wait also listened to a stop channel:
//
//	select {
//	case v := <-ch:
//		return v, nil // retry.WaitsEndOn(ch, &v); then: if retry.Stopped(err)
//	case <-time.After(d):
//	}
//
// Only the waits look at ch: the first call is always made, and a wait ctx cuts short ends
// Do as it does without WaitsEndOn. A later WaitsEndOn or StopBefore replaces it. Each Do given it
// allocates a few words for it.
func WaitsEndOn[T any](ch <-chan T, got *T) Option {
	return Option{x: stopper(&stopChan[T]{ch: ch, got: got})}
}

// StopBefore makes Do look at ch, without blocking, before every call, the first included: when
// ch is ready (a value was sent on it, or it was closed), Do makes no call and returns a
// *StoppedError, after storing the value received in *got unless got is nil. The waits do not
// listen to ch. This is exactly a loop that tests a stop channel at the top:
//
//	for {
//		select {
//		case <-stop:
//			return errStopped // retry.StopBefore(stop, nil); then: if retry.Stopped(err)
//		default:
//		}
//		if err := op(); err == nil {
//			return nil
//		}
//		time.Sleep(d)
//	}
//
// A later WaitsEndOn or StopBefore replaces it. Do with StopBefore builds its config before the
// first call, and allocates a few words for it.
func StopBefore[T any](ch <-chan T, got *T) Option {
	return Option{x: stopper(&stopChan[T]{ch: ch, got: got, before: true})}
}

// stopper is the channel of WaitsEndOn or StopBefore, whatever the type of its values.
type stopper interface {
	// first reports whether it is looked at before every call (StopBefore) rather than during
	// the waits (WaitsEndOn).
	first() bool
	// ready reports, without blocking, whether the channel is ready, receiving from it.
	ready() bool
	// wait waits for timer, the channel, or, when watchCtx, the end of ctx, and says which
	// ended it.
	wait(ctx context.Context, watchCtx bool, timer <-chan time.Time) waitEnd
}

// waitEnd says what ended a wait.
type waitEnd uint8

const (
	waitTimer waitEnd = iota
	waitCtx
	waitStop
)

// stopChan is a stopper for a channel of T.
type stopChan[T any] struct {
	ch     <-chan T
	got    *T
	before bool
}

var _ stopper = (*stopChan[struct{}])(nil)

func (s *stopChan[T]) first() bool { return s.before }

func (s *stopChan[T]) ready() bool {
	select {
	case v := <-s.ch:
		s.keep(v)
		return true
	default:
		return false
	}
}

func (s *stopChan[T]) wait(ctx context.Context, watchCtx bool, timer <-chan time.Time) waitEnd {
	if !watchCtx {
		select {
		case v := <-s.ch:
			s.keep(v)
			return waitStop
		case <-timer:
			return waitTimer
		}
	}
	select {
	case <-ctx.Done():
		return waitCtx
	case v := <-s.ch:
		s.keep(v)
		return waitStop
	case <-timer:
		return waitTimer
	}
}

func (s *stopChan[T]) keep(v T) {
	if s.got != nil {
		*s.got = v
	}
}

// stopFirst ends Do before call n+1 (n calls made, the last failing with err) when StopBefore's
// channel is ready; ok reports whether it did.
func (c *config) stopFirst(ctx context.Context, n int, err error, p *progress) (_ error, ok bool) {
	if c.stop == nil || !c.stop.first() || !c.stop.ready() {
		return nil, false
	}
	return c.stopped(ctx, n, err, p), true
}

// stopped ends Do after n calls because the stop channel was ready.
func (c *config) stopped(ctx context.Context, n int, err error, p *progress) error {
	return c.done(ctx, n, &StoppedError{Attempts: n, Err: err}, StopChannel, p)
}
