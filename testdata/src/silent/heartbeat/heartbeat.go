// Package heartbeat pings at a fixed pace and only logs failures.
package heartbeat

import (
	"log"
	"time"
)

type Peer interface{ Ping() error }

func beat(p Peer, n int) {
	for i := 0; i < n; i++ {
		if err := p.Ping(); err != nil {
			log.Printf("ping: %v", err)
		}
		time.Sleep(time.Second)
	}
}
