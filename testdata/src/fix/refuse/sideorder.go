package refuse

import (
	"log"
	"math/rand/v2"
	"time"
)

// The log line reads the counter and runs before the jitter is drawn: as a
// hook it would run after retry.Do drew the next delay, and in the closure
// it cannot read the counter.
func enqueue(push func() error) error {
	base := 100 * time.Millisecond
	var err error
	for i := 0; i < 5; i++ { // want `no automatic fix: work after a failure must run before a delay that draws, and cannot$`
		if err = push(); err == nil {
			return nil
		}
		log.Printf("enqueue: attempt %d failed: %v", i+1, err)
		d := base<<i + time.Duration(rand.Int64N(int64(base)))
		time.Sleep(d)
	}
	return err
}
