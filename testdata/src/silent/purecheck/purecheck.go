// Package purecheck waits for a counter to reach an expected value: each
// round reads the state, then a function that only compares says whether it
// matches. The call that "fails" computes nothing that could succeed on a
// second try with the same values; what changes between rounds is the state
// read before it. That is a poll of a state, not a retry.
package purecheck

import (
	"fmt"
	"time"
)

type usage struct{ files, bytes int64 }

func read(dir string) (*usage, error) { return &usage{}, nil }

// compare says how got differs from want; want's negative fields match
// anything.
func compare(want usage, got *usage, readErr error) error {
	if readErr != nil {
		return fmt.Errorf("read usage: %w", readErr)
	}
	if got == nil {
		return fmt.Errorf("no usage")
	}
	if want.files >= 0 && got.files != want.files {
		return fmt.Errorf("want %+v, got %+v", want, *got)
	}
	if want.bytes >= 0 && got.bytes != want.bytes {
		return fmt.Errorf("want %+v, got %+v", want, *got)
	}
	return nil
}

// WaitUsage re-reads dir's usage every 50ms until it is want, for up to
// three seconds.
func WaitUsage(dir string, want usage) error {
	deadline := time.Now().Add(3 * time.Second)
	var last error
	for {
		got, err := read(dir)
		if err := compare(want, got, err); err == nil {
			return nil
		} else {
			last = err
		}
		if time.Now().After(deadline) {
			return last
		}
		time.Sleep(50 * time.Millisecond)
	}
}
