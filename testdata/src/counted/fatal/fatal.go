// Package fatal gives up at once on errors that another try cannot fix.
package fatal

import (
	"errors"
	"time"
)

var (
	ErrNotFound = errors.New("not found")
	ErrTimeout  = errors.New("timeout")
)

type KV interface {
	Get(key string) (string, error)
}

func lookup(kv KV, key string) (string, error) {
	var err error
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, constant delay of 20ms\)`
		var v string
		v, err = kv.Get(key)
		if err == nil {
			return v, nil
		}
		if errors.Is(err, ErrNotFound) {
			return "", err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", err
}
