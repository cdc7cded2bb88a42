package refuse

import (
	"errors"
	"time"
)

var errStale = errors.New("stale")

// A stale read is retried at once, other errors after a pause: retry.Do
// waits the same way after every failed call.
func noWait() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: some failures are retried differently from others$`
		if err = op(); err == nil {
			return nil
		}
		if errors.Is(err, errStale) {
			continue
		}
		time.Sleep(time.Second)
	}
	return err
}
