// Package comments keeps the comments of a loop it rewrites: above the call
// in the closure, and above retry.Do for the code that became options.
package comments

import (
	"errors"
	"log"
	"time"
)

var errBusy = errors.New("busy")

// Save writes a record, trying again while the store is busy.
func Save(put func() error) error {
	var err error
	// The store may be busy while it compacts: try a few times.
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 1s\)`
		// Write the whole record at once.
		err = put()
		if err == nil {
			return nil
		}
		// Anything but busy is for the caller.
		if !errors.Is(err, errBusy) {
			return err
		}
		// Say why we wait.
		log.Printf("store busy: %v", err)
		time.Sleep(time.Second) // compaction takes about a second
	}
	return err
}
