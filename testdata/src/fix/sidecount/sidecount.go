// Package sidecount holds retries whose work after a failure changes a
// variable that outlives the loop: a count the code reports afterwards, a
// token the next attempt sends.
package sidecount

import "time"

// Upload uploads up to four times, a second apart, and logs how many
// uploads failed.
func Upload(upload func() error, logf func(format string, args ...any)) error {
	var err error
	failed := 0
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop \(4 attempts, constant delay of 1s\)`
		if err = upload(); err == nil {
			break
		}
		failed++
		time.Sleep(time.Second)
	}
	logf("upload: %d failed", failed)
	return err
}

// Call calls with a token, and rotates the token after each failure before
// trying again, up to three times, 100ms apart.
func Call(call func(token string) error, rotate func(old string) string, token string) error {
	var err error
	for try := 0; try < 3; try++ { // want `hand-rolled retry loop \(3 attempts, constant delay of 100ms\)`
		err = call(token)
		if err == nil {
			return nil
		}
		token = rotate(token)
		time.Sleep(100 * time.Millisecond)
	}
	return err
}
