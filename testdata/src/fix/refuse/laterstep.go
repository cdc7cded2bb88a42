package refuse

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// fetchBody gets a page until it comes back whole with a 200: a request
// that fails, a body that cannot be read and another status all go round
// again. The attempt is the request and the read; the read's error is a
// variable of its own, so the rewrite would have to join both calls.
func fetchBody(url string) ([]byte, error) {
	var lastErr error
	for range 10 { // want `^hand-rolled retry loop \(10 attempts, constant delay of 50ms\) can be replaced by retry.Do; no automatic fix: a later call of the attempt can fail, and is retried too$`
		resp, err := http.Get(url)
		if err == nil {
			body, readErr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if readErr == nil && resp.StatusCode == http.StatusOK {
				return body, nil
			}
			if readErr != nil {
				lastErr = readErr
			} else {
				lastErr = fmt.Errorf("status %d", resp.StatusCode)
			}
		} else {
			lastErr = err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil, fmt.Errorf("get %s: %w", url, lastErr)
}
