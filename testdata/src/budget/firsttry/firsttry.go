// Package firsttry makes its first attempt before the loop, then retries for
// up to a second, waiting first.
package firsttry

import (
	"os"
	"time"
)

func removeTree(dir string) error {
	err := os.RemoveAll(dir)
	if err == nil {
		return nil
	}
	until := time.Now().Add(time.Second)
	for time.Now().Before(until) { // want `^hand-rolled retry loop \(for up to 1s, constant delay of 10ms\)`
		time.Sleep(10 * time.Millisecond)
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
	}
	return err
}
