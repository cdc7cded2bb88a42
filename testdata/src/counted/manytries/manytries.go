// Package manytries retries many more times than the matcher follows at
// first: the count is read off the loop all the same.
package manytries

import (
	"os"
	"time"
)

const (
	unmountTries = 400
	unmountPause = 5 * time.Millisecond
)

// unmount tries to remove a mount point for up to two seconds, 5ms apart.
func unmount(dir string, remove func(string) error) error {
	var err error
	for range unmountTries { // want `^hand-rolled retry loop \(400 attempts, constant delay of 5ms\)`
		if err = remove(dir); err == nil {
			return nil
		}
		time.Sleep(unmountPause)
	}
	return err
}

// waitFile waits up to 1000 times 10ms for a file to appear.
func waitFile(name string) ([]byte, error) {
	var err error
	for i := 0; i < 1000; i++ { // want `^hand-rolled retry loop \(1000 attempts, constant delay of 10ms\)`
		var b []byte
		if b, err = os.ReadFile(name); err == nil {
			return b, nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil, err
}
