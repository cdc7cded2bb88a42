// Package pollbool waits for a condition; nothing failed, nothing is retried.
package pollbool

import (
	"sync/atomic"
	"time"
)

type Server struct{ ready atomic.Bool }

func (s *Server) waitReady() bool {
	for i := 0; i < 50; i++ {
		if s.ready.Load() {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}
