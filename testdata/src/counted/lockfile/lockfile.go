// Package lockfile retries creating a lock file while another process holds it.
package lockfile

import (
	"os"
	"time"
)

func lock(path string) (*os.File, error) {
	var err error
	for i := 0; i < 10; i++ { // want `^hand-rolled retry loop \(10 attempts, constant delay of 100ms\)`
		var f *os.File
		f, err = os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			return f, nil
		}
		if !os.IsExist(err) {
			return nil, err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, err
}
