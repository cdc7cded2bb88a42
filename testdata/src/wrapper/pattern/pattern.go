// Package pattern is checked with a custom name pattern (^persist), which
// replaces the default one.
package pattern

import "time"

func persistently(op func() error) error { // want `^hand-rolled retry function persistently \(constant delay of 1s\)`
	for {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
}

// doWithRetry matches only the default pattern, and its endless loop is
// reported only when the name says it retries.
func doWithRetry(op func() error) error {
	for {
		if err := op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
}
