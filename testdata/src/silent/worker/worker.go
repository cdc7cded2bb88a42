// Package worker pulls jobs forever and backs off when the queue fails; a
// success does not end the loop, so this is a service loop, not a retry.
package worker

import (
	"log"
	"time"
)

type Queue interface{ Pop() (string, error) }

func work(q Queue, handle func(string)) {
	for {
		job, err := q.Pop()
		if err != nil {
			log.Printf("pop: %v", err)
			time.Sleep(time.Second)
			continue
		}
		handle(job)
	}
}
