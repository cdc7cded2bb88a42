// Package statpoll waits for a device node to appear: os.Stat failing means
// "not there yet", a condition being polled, not a call being retried.
package statpoll

import (
	"fmt"
	"os"
	"time"
)

func waitForDevice(path string) error {
	for range 100 {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("device %s did not appear", path)
}
