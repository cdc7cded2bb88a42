package refuse

import (
	"context"
	"log"
	"net/http"
	"time"
)

// Building the request may fail and return at once. The rewrite would make
// that a permanent error, but the OnFailure hook carrying the log line would
// see it too and log it, where the loop returned without a word.
func getLogged(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	var lastErr error
	for i := 0; i < 3; i++ { // want `no automatic fix: work before the call may end the loop$`
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp, nil
		}
		log.Printf("get %s: attempt %d: %v", url, i+1, err)
		lastErr = err
		time.Sleep(time.Second)
	}
	return nil, lastErr
}
