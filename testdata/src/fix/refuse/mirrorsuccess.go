package refuse

import (
	"log"
	"time"
)

// On success the loop logs the error of the failure before it, which
// lastErr holds then; the rewrite has only the last error, nil on success.
func commitLogged(commit func() error) error {
	var lastErr error
	for i := 0; i < 5; i++ { // want `no automatic fix: work after a failure sets a variable the code reads afterwards$`
		err := commit()
		if err == nil {
			if lastErr != nil {
				log.Printf("committed after %v", lastErr)
			}
			return nil
		}
		lastErr = err
		time.Sleep(10 * time.Millisecond)
	}
	return lastErr
}
