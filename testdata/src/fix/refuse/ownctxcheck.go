package refuse

import (
	"context"
	"errors"
	"syscall"
	"time"
)

// fsContext is a request's context that the file system can also cancel on
// its own: Canceled says so, and may say it before Err does.
type fsContext interface {
	context.Context
	Canceled() bool
}

var errLocked = errors.New("locked")

// Waiting for a lock stops when the request is cancelled, as Canceled tells:
// retry.Do watches the context's Err, which may not agree.
func waitLock(ctx fsContext, try func() error) error {
	for { // want `no automatic fix: the loop asks its context whether it ended with a method of its own$`
		err := try()
		if err != errLocked {
			return err
		}
		time.Sleep(10 * time.Millisecond)
		if ctx.Canceled() {
			return syscall.EINTR
		}
	}
}
