// Package returnerr retries a call a fixed number of times, a constant pause
// apart, and returns the last error when the tries run out.
package returnerr

import "time"

// Ping calls op up to four times, a second apart.
func Ping(op func() error) error {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		err = op()
		if err == nil {
			return nil
		}
		// The service restarts within a second.
		time.Sleep(time.Second)
	}
	return err
}
