package refuse

import (
	"log"
	"time"
)

// The log line runs after the last failure only, in the else of the wait,
// and reads the counter, which the loop steps after it on its way out:
// hooks run after every failure (OnFailure) or before every retry
// (OnRetry), and the code after the call has no counter.
func notify(post func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: work after a failure runs on some attempts only$`
		if err = post(); err == nil {
			return nil
		}
		if i < 2 {
			time.Sleep(time.Second)
		} else {
			log.Printf("notify: giving up after %d attempts: %v", i+1, err)
		}
	}
	return err
}
