// Package drain waits for in-flight requests to finish before shutting down.
package drain

import (
	"sync/atomic"
	"time"
)

func drain(active *atomic.Int64) bool {
	for i := 0; i < 50; i++ {
		if active.Load() == 0 {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}
