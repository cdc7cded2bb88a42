package refuse

import (
	"log"
	"time"
)

// The counter counts the tries left, down from tries, and the log line reads
// it: a hook knows the attempt's number, counting up from 1, and the rewrite
// writes only counters that count up one at a time in its terms.
func syncDown(sync func() error, tries int) error {
	var err error
	for left := tries; left > 0; left-- { // want `no automatic fix: the counter is read in a way the rewrite cannot keep$`
		if err = sync(); err == nil {
			return nil
		}
		log.Printf("sync failed, %d tries left: %v", left-1, err)
		time.Sleep(time.Second)
	}
	return err
}
