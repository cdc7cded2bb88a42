// Package resultwitness retries a call whose success shows in its result:
// the client hands back a receipt only when the request went through, so
// the loop leaves on the receipt and reads the error only to tell a
// retryable failure (a 5xx answer) from the rest.
package resultwitness

import (
	"context"
	"errors"
	"strconv"
	"time"
)

type Receipt struct{ ID string }

type StatusError struct{ Code int }

func (e *StatusError) Error() string { return "status " + strconv.Itoa(e.Code) }

type Client interface {
	Send(ctx context.Context, body []byte) (*Receipt, error)
}

func send(ctx context.Context, c Client, body []byte) (*Receipt, error) {
	var rc *Receipt
	var err error
	for try := 0; try < 4; try++ { // want `^hand-rolled retry loop \(4 attempts, constant delay of 1s\) can be replaced by retry.Do; no automatic fix: success also depends on the operation.s results$`
		rc, err = c.Send(ctx, body)
		if rc != nil {
			break
		}
		var se *StatusError
		if !errors.As(err, &se) || se.Code < 500 {
			break
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return rc, err
}
