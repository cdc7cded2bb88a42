package refuse

import "time"

// The pause is what the failed call suggests: it depends on the try itself.
func suggested(call func() (time.Duration, error)) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the delay depends on a value the attempt computes$`
		var wait time.Duration
		if wait, err = call(); err == nil {
			return nil
		}
		time.Sleep(wait)
	}
	return err
}
