// Package constsleep pings a flaky dependency with a fixed pause between tries.
package constsleep

import (
	"errors"
	"time"
)

var errDown = errors.New("down")

func ping() error { return errDown }

// WaitForDB is the shape copied into many services' main.go.
func WaitForDB() error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 1s\) can be replaced by retry\.Do`
		err = ping()
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
