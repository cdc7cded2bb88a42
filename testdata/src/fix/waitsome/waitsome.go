// Package waitsome holds retries that pause after some failures only.
package waitsome

import "time"

// Reconnect tries again at once after the first two failures, in case the
// drop was a blip, then pauses 200ms before each of the others.
func Reconnect(dial func() error) error {
	var err error
	for i := 0; i < 6; i++ { // want `hand-rolled retry loop \(6 attempts, computed delay\)`
		if err = dial(); err == nil {
			return nil
		}
		if i >= 2 {
			time.Sleep(200 * time.Millisecond)
		}
	}
	return err
}

// Rename renames up to four times, and pauses a second after the first
// failure only, for the indexer to let go of the file.
func Rename(rename func(from, to string) error, from, to string) error {
	var err error
	for try := 1; try <= 4; try++ { // want `hand-rolled retry loop \(4 attempts, computed delay\)`
		err = rename(from, to)
		if err == nil {
			break
		}
		if try == 1 {
			time.Sleep(time.Second)
		}
	}
	return err
}
