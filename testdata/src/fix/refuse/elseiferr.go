package refuse

import (
	"errors"
	"time"
)

var errStarting = errors.New("starting")

// Open retries while the service is starting and gives up on any other
// error: the give-up test, err != nil, holds only in the else of the one
// that retries, and said alone it would give up on every failure.
func Open(open func() error) error {
	attempts := 0
	for { // want `no automatic fix: the test of the error reads more than the error$`
		err := open()
		if errors.Is(err, errStarting) {
			if attempts > 3 {
				return err
			}
			attempts++
			time.Sleep(time.Second)
			continue
		} else if err != nil {
			return err
		}
		return nil
	}
}
