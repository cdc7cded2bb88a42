// Package labeled leaves a labelled loop with break Label once the call works.
package labeled

import (
	"log"
	"time"
)

type Streams interface {
	Info(stream, consumer string) (int, error)
}

func waitConsumer(s Streams, stream, consumer string) int {
	pending := -1
Attempts:
	for attempt := 0; attempt < 10; attempt++ { // want `^hand-rolled retry loop \(10 attempts, constant delay of 200ms\)`
		n, err := s.Info(stream, consumer)
		if err != nil {
			log.Printf("consumer %s/%s not ready: %v", stream, consumer, err)
			time.Sleep(200 * time.Millisecond)
			continue
		}
		pending = n
		break Attempts
	}
	return pending
}
