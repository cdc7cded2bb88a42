// Package method wraps a while-counter loop in a client method.
package method

import (
	"context"
	"net/http"
	"time"
)

type Client struct {
	hc      *http.Client
	retries int
}

func (c *Client) doWithRetries(ctx context.Context, req *http.Request) (*http.Response, error) { // want `^hand-rolled retry function doWithRetries \(c\.retries attempts, constant delay of 1s\)`
	var lastErr error
	attempt := 0
	for attempt < c.retries {
		resp, err := c.hc.Do(req.WithContext(ctx))
		if err == nil {
			return resp, nil
		}
		lastErr = err
		attempt++
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return nil, lastErr
}
