package refuse

import (
	"log"
	"time"
)

// The loop counts the failures in a variable the code after it reads: the
// rewrite would move the count into a hook, and it leaves alone work whose
// result outlives the call.
func flushMetrics(flush func() error) error {
	var err error
	failures := 0
	for i := 0; i < 4; i++ { // want `no automatic fix: work after a failure sets a variable the code reads afterwards$`
		if err = flush(); err == nil {
			break
		}
		failures++
		time.Sleep(time.Second)
	}
	log.Printf("flush: %d failures", failures)
	return err
}
