// Package nested has a retry loop at the end of an if block: when its tries
// run out, the function goes on after the block.
package nested

import "time"

// Fetch tries the primary source up to three times when asked to, and falls
// back to the secondary one.
func Fetch(primary, secondary func() error, preferPrimary bool) error {
	if preferPrimary {
		var err error
		for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
			if err = primary(); err == nil {
				return nil
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	return secondary()
}
