// Package sleepfirst waits at the top of every iteration but the first.
package sleepfirst

import (
	"io"
	"net/http"
	"time"
)

func download(url string) ([]byte, error) {
	var lastErr error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 1s\)`
		if i > 0 {
			time.Sleep(time.Second)
		}
		resp, err := http.Get(url)
		if err != nil {
			lastErr = err
			continue
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, lastErr
}
