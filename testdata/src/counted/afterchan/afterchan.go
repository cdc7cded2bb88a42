// Package afterchan waits by receiving from time.After.
package afterchan

import (
	"errors"
	"time"
)

var errNoLeader = errors.New("no leader")

func leader() (string, error) { return "", errNoLeader }

func findLeader() (string, error) {
	var err error
	for i := 0; i < 10; i++ { // want `^hand-rolled retry loop \(10 attempts, constant delay of 250ms\)`
		var id string
		if id, err = leader(); err == nil {
			return id, nil
		}
		<-time.After(250 * time.Millisecond)
	}
	return "", err
}
