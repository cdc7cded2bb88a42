// Package polltolerant polls for a condition and shrugs off errors meanwhile:
// it leaves when the answer is yes, not when a call stops failing.
package polltolerant

import (
	"log"
	"time"
)

type Health interface{ Healthy() (bool, error) }

func waitHealthy(h Health) bool {
	for i := 0; i < 30; i++ {
		ok, err := h.Healthy()
		if err == nil && ok {
			return true
		}
		if err != nil {
			log.Printf("health check: %v", err)
		}
		time.Sleep(time.Second)
	}
	return false
}
