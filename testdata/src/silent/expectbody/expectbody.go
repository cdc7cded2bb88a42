// Package expectbody waits, in a test helper, for an endpoint to serve the
// body the caller expects: a request that fails and a body that differs both
// go round again. What ends it is the served state matching a value from
// outside the loop, not a call that failed succeeding on a second try: a
// poll of a state.
package expectbody

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

func waitForBody(url, want string) error {
	var lastErr error
	for range 50 {
		resp, err := http.Get(url)
		if err == nil {
			body, readErr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if readErr == nil && string(body) == want {
				return nil
			}
			if readErr != nil {
				lastErr = readErr
			} else {
				lastErr = fmt.Errorf("unexpected body %q", body)
			}
		} else {
			lastErr = err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("GET %s never served %q: %w", url, want, lastErr)
}

// waitForPlugin is the same wait, for a body that mentions a name.
func waitForPlugin(url, name string) error {
	for range 50 {
		resp, err := http.Get(url)
		if err == nil {
			body, readErr := io.ReadAll(resp.Body)
			resp.Body.Close()
			if readErr == nil && strings.Contains(string(body), name) {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("%s never listed %s", url, name)
}
