package refuse

import (
	"errors"
	"fmt"
	"time"
)

var errDenied = errors.New("denied")

// The error the loop gives up on is wrapped with the number of the try
// that got it; after the call there is no counter to read.
func grantCounted(grant func() error) error {
	var err error
	for i := 0; i < 4; i++ { // want `no automatic fix: the counter is read in a way the rewrite cannot keep$`
		err = grant()
		if err == nil {
			return nil
		}
		if errors.Is(err, errDenied) {
			return fmt.Errorf("try %d: %w", i+1, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}
