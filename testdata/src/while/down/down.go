// Package down counts the remaining retries down.
package down

import (
	"os"
	"time"
)

func remove(path string) error {
	retries := 5
	var err error
	for retries > 0 { // want `^hand-rolled retry loop \(5 attempts, constant delay of 1s\)`
		if err = os.Remove(path); err == nil || os.IsNotExist(err) {
			return nil
		}
		retries--
		time.Sleep(time.Second)
	}
	return err
}
