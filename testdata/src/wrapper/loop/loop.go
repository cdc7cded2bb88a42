// Package loop wraps a counted retry loop in a function named for it.
package loop

import (
	"log"
	"time"
)

func executeWithRetry(op func() error) error { // want `^hand-rolled retry function executeWithRetry \(3 attempts, exponential backoff from 1s\) can be replaced by retry\.Do`
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		log.Printf("attempt %d failed: %v", i+1, err)
		time.Sleep(time.Second << i)
	}
	return err
}

func save() error {
	return executeWithRetry(func() error { return nil })
}
