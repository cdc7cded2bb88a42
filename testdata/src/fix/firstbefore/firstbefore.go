// Package firstbefore makes its first attempt before the loop, whose own
// condition leaves once an attempt succeeds.
package firstbefore

import "time"

// Connect dials once, then up to four more times, 250ms apart, while it
// fails.
func Connect(dial func() error) error {
	err := dial()
	for i := 0; i < 4 && err != nil; i++ { // want `hand-rolled retry loop`
		time.Sleep(250 * time.Millisecond)
		err = dial()
	}
	return err
}
