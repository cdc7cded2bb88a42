package refuse

import (
	"fmt"
	"time"
)

// The loop keeps the last error wrapped with the attempt's number: the
// retry package returns the operation's own error, unwrapped.
func chargeCard(charge func() error) error {
	var lastErr error
	for i := 0; i < 3; i++ { // want `no automatic fix: a copy of the error is changed before it is kept$`
		err := charge()
		if err == nil {
			return nil
		}
		lastErr = fmt.Errorf("attempt %d: %w", i+1, err)
		time.Sleep(time.Second)
	}
	return lastErr
}
