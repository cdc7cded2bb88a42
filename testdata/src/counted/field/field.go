// Package field reads the limit and the pause from the client's settings.
package field

import (
	"context"
	"net/http"
	"time"
)

type Client struct {
	http       *http.Client
	maxRetries int
	wait       time.Duration
}

func (c *Client) Get(ctx context.Context, url string) (*http.Response, error) {
	var lastErr error
	for i := 0; i < c.maxRetries; i++ { // want `^hand-rolled retry loop \(c\.maxRetries attempts, constant delay of c\.wait\)`
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		time.Sleep(c.wait)
	}
	return nil, lastErr
}
