package refuse

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// The loop declares its own err, shadowing the one that building the
// request declared: resp, err := retry.DoValue(...) in its place would set
// that outer err instead of declaring a new one.
func getOnce(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for i := 0; i < 3; i++ { // want `no automatic fix: a result's name is taken where the loop stands$`
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		time.Sleep(time.Second)
	}
	return nil, fmt.Errorf("get %s: %w", url, lastErr)
}
