// Package caseupdate doubles its delay in the case of the select that waited
// it out: the next wait reads the doubled delay, as when the loop doubles it
// before waiting, so the schedule is a named one and the variable goes.
package caseupdate

import (
	"context"
	"errors"
	"time"
)

// ErrBusy is the error worth retrying.
var ErrBusy = errors.New("busy")

// Status asks for the status while the server is busy, 50ms apart at first,
// doubling to 400ms, until ctx ends.
func Status(ctx context.Context, ask func(context.Context) (string, error)) (string, error) {
	var (
		status string
		err    error
		delay  = 50 * time.Millisecond
	)
	for { // want `hand-rolled retry loop`
		status, err = ask(ctx)
		if err != nil {
			if !errors.Is(err, ErrBusy) {
				return "", err
			}
			select {
			case <-time.After(delay):
				if delay < 400*time.Millisecond {
					delay *= 2
				}
				continue
			case <-ctx.Done():
				return "", err
			}
		}
		break
	}
	return "status " + status, nil
}
