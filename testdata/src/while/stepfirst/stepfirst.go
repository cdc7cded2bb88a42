// Package stepfirst checks a retry whose attempt starts with a step that
// may fail before the call (the socket is not there yet): that failure
// goes round too, and the call is still what the loop retries.
package stepfirst

import (
	"context"
	"fmt"
	"os"
	"time"
)

type Conn interface{ Close() error }

type Dialer interface {
	Dial(path string) (Conn, error)
}

func connect(ctx context.Context, d Dialer, path string) (Conn, error) {
	var (
		conn Conn
		err  error
	)
	t := time.NewTimer(0)
	defer t.Stop()
	for { // want `^hand-rolled retry loop .*can be replaced by retry\.Do; no automatic fix: `
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("no connection to %s: %v", path, err)
		case <-t.C:
			if _, err = os.Stat(path); err != nil {
				t.Reset(time.Second)
				continue
			}
			conn, err = d.Dial(path)
			if err != nil {
				t.Reset(2 * time.Second)
				continue
			}
			return conn, nil
		}
	}
}
