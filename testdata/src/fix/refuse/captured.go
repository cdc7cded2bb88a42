package refuse

import (
	"log"
	"time"
)

// Each pass has its own i, which the goroutine keeps; the closure would share
// one counter, which the goroutine would see move on.
func captured() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: a function literal captures the counter$`
		if err = op(); err == nil {
			return nil
		}
		go func() { log.Printf("attempt %d failed", i+1) }()
		time.Sleep(time.Second)
	}
	return err
}
