package refuse

import (
	"sync"
	"time"
)

var mu sync.Mutex

// The unlock is deferred to the end of the function, across tries; in a
// closure it would run after each try.
func deferred() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: a defer inside the loop would run after each attempt$`
		mu.Lock()
		defer mu.Unlock()
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
