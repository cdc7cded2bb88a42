// Package oneindexed counts attempts from one, as log messages like to.
package oneindexed

import (
	"log"
	"time"
)

const maxAttempts = 5

type store struct{}

func (store) Put(key string, v []byte) error { return nil }

func save(s store, key string, v []byte) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ { // want `^hand-rolled retry loop \(5 attempts, exponential backoff from 200ms\)`
		if err = s.Put(key, v); err == nil {
			return nil
		}
		log.Printf("put %s: attempt %d/%d: %v", key, attempt, maxAttempts, err)
		time.Sleep(time.Duration(1<<attempt) * 100 * time.Millisecond)
	}
	return err
}
