package refuse

import (
	"net/http"
	"time"
)

// A 503 is tried again although the call itself succeeded: whether to retry
// depends on the response, and retry.Do decides on the error alone.
func fetchStatus(c *http.Client, req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: success also depends on the operation's results$`
		resp, err = c.Do(req)
		if err == nil && resp.StatusCode != http.StatusServiceUnavailable {
			return resp, nil
		}
		time.Sleep(time.Second)
	}
	return resp, err
}
