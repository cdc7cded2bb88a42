package refuse

import (
	"math/rand/v2"
	"time"
)

// Decorrelated jitter: each delay is drawn from a range that the previous
// delay sets. A delay function gets the attempt's number and error, not the
// delay before.
func claimJob(claim func() error) error {
	base, maxDelay := 100*time.Millisecond, 10*time.Second
	sleep := base
	var err error
	for i := 0; i < 5; i++ { // want `no automatic fix: the delay keeps state between attempts in a way the rewrite cannot follow$`
		if err = claim(); err == nil {
			return nil
		}
		sleep = min(maxDelay, base+time.Duration(rand.Int64N(int64(sleep*3-base))))
		time.Sleep(sleep)
	}
	return err
}
