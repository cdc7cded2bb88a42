package refuse

import (
	"errors"
	"time"
)

var errRateLimited = errors.New("rate limited")

// Two waits of different lengths, chosen by the error: one schedule cannot
// say it.
func twoWaits() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: some failures are retried differently from others$`
		if err = op(); err == nil {
			return nil
		}
		if errors.Is(err, errRateLimited) {
			time.Sleep(time.Minute)
		} else {
			time.Sleep(time.Second)
		}
	}
	return err
}
