// Package countername declares its counter, named retry, before the loop:
// the fix deletes that declaration with the loop, so the import takes its
// plain name, as it does for a counter in the loop's own header
// (fix/loopname).
package countername

import "time"

// Flush pushes the buffer up to five times, 20ms apart.
func Flush(push func() error) error {
	var retry int
	var err error
	for retry < 5 { // want `^hand-rolled retry loop \(5 attempts, constant delay of 20ms\)`
		if err = push(); err == nil {
			return nil
		}
		retry++
		time.Sleep(20 * time.Millisecond)
	}
	return err
}
