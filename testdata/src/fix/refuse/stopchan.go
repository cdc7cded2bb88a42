package refuse

import (
	"errors"
	"time"
)

var errStopped = errors.New("stopped")

// The wait also ends when the service stops: retry.Do only knows contexts.
func stopChan(stop <-chan struct{}) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the wait also listens to another channel$`
		if err = op(); err == nil {
			return nil
		}
		select {
		case <-stop:
			return errStopped
		case <-time.After(time.Second):
		}
	}
	return err
}
