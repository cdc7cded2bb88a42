package refuse

import (
	"log"
	"time"
)

// The number of tries is logged after the loop: the closure cannot leave it.
func counterAfter() error {
	var err error
	var i int
	for i = 0; i < 3; i++ { // want `no automatic fix: the counter is used after the loop$`
		if err = op(); err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	log.Printf("took %d tries", i+1)
	return err
}
