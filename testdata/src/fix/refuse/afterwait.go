package refuse

import (
	"log"
	"time"
)

// A log line between the wait and the next try has no place in retry.Do.
func afterWait() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: code runs between the wait and the next attempt$`
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
		log.Printf("trying again")
	}
	return err
}
