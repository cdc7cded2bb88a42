package refuse

import (
	"log"
	"time"
)

// After each failure the loop counts it, and pauses longer the more it
// counted: retry.Do computes the delay before its hooks run, so a hook
// counting the failure would count it after the delay read the count.
func flushMetrics(flush func() error) error {
	var err error
	failures := 0
	for i := 0; i < 4; i++ { // want `no automatic fix: work after a failure sets a variable the code reads afterwards$`
		if err = flush(); err == nil {
			break
		}
		failures++
		log.Printf("flush failed %d times", failures)
		time.Sleep(time.Duration(failures) * time.Second)
	}
	return err
}
