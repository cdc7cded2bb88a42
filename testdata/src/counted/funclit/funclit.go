// Package funclit retries inside a goroutine's function literal.
package funclit

import (
	"log"
	"time"
)

type Reporter interface {
	Report(stats map[string]int) error
}

func reportAsync(r Reporter, stats map[string]int) {
	go func() {
		for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 10s\)`
			err := r.Report(stats)
			if err == nil {
				return
			}
			log.Print(err)
			time.Sleep(10 * time.Second)
		}
	}()
}
