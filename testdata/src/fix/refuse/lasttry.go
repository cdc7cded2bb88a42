package refuse

import (
	"context"
	"time"
)

// LockUntil waits on a timer channel made before the select, and gives up
// when a timeout fires, after one last try: the loop leaves on a channel of
// its own, which retry.Do does not watch.
func LockUntil(ctx context.Context, timeout <-chan time.Time) error {
	sleep := 10 * time.Millisecond
	var err error
loop:
	for { // want `no automatic fix: the wait also listens to another channel$`
		err = op()
		if err == nil {
			break
		}
		wake := time.After(sleep)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout:
			err = op() // the last try
			break loop
		case <-wake:
			sleep = min(sleep*2, time.Second)
		}
	}
	return err
}

// LockOn is the same loop with the wake-up channel given, which is no wait
// the analysis knows: what the select does is still the loop's own, and the
// last try on the timeout is no attempt of a retry.
func LockOn(ctx context.Context, timeout, wake <-chan time.Time) error {
	var err error
loop:
	for { // want `no automatic fix: the loop stops when a channel that is not a context is ready$`
		err = op()
		if err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timeout:
			err = op()
			break loop
		case <-wake:
		}
	}
	return err
}
