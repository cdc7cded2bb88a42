// Package ownpred classifies errors with predicates of its own that also
// decide what a nil error means: success leaves through the same branch
// as an error the loop does not retry.
package ownpred

import "time"

// isTemporary reports whether err says another try may work: false for a
// nil error, whose assertion fails.
func isTemporary(err error) bool {
	t, ok := err.(interface{ Temporary() bool })
	return ok && t.Temporary()
}

// finished reports whether err ends the tries: success, or an error that
// is not temporary.
func finished(err error) bool {
	if err == nil {
		return true
	}
	return !isTemporary(err)
}

// Sync runs op while it fails with a temporary error, 5 times at most,
// 100ms apart, and logs each temporary failure.
func Sync(op func() error, logf func(string, ...any)) error {
	var err error
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, constant delay of 100ms\)`
		err = op()
		if isTemporary(err) {
			logf("sync failed, retrying: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		break
	}
	return err
}

// Remove runs op up to 4 times, 50ms apart, until finished says so.
func Remove(op func() error) error {
	var err error
	for attempt := 1; attempt <= 4; attempt++ { // want `^hand-rolled retry loop \(4 attempts, constant delay of 50ms\)`
		err = op()
		if finished(err) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}
