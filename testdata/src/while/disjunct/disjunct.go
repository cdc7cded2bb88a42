// Package disjunct stops on an exhausted budget or a permanent error in one
// if, and counts the remaining retries down.
package disjunct

import (
	"errors"
	"time"
)

var errTransient = errors.New("transient")

type Config struct{ MaxRetries int }

func claim(cfg Config, try func() (string, error)) (string, error) {
	retries := cfg.MaxRetries
	for { // want `^hand-rolled retry loop \(cfg\.MaxRetries\+1 attempts, constant delay of 250ms\)`
		id, err := try()
		if err == nil {
			return id, nil
		}
		if retries <= 0 || !errors.Is(err, errTransient) {
			return "", err
		}
		retries--
		time.Sleep(250 * time.Millisecond)
	}
}
