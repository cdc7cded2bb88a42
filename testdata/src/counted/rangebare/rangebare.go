// Package rangebare retries without naming the counter at all.
package rangebare

import (
	"os"
	"time"
)

func writeFile(name string, data []byte) (err error) {
	for range 3 { // want `^hand-rolled retry loop \(3 attempts, constant delay of 500ms\)`
		if err = os.WriteFile(name, data, 0o644); err == nil {
			return nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return err
}
