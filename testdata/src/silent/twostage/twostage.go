// Package twostage reads a member's version, tolerating failures, then waits
// until it matches: the second test is a condition being polled, and no one
// call is the operation a retry would repeat.
package twostage

import (
	"errors"
	"log"
	"time"
)

type Member interface{ Version() (string, error) }

var errMismatch = errors.New("version mismatch")

func compare(want, got string) error {
	if want != got {
		return errMismatch
	}
	return nil
}

func waitVersion(m Member, want string) error {
	for i := 0; i < 30; i++ {
		got, err := m.Version()
		if err != nil {
			log.Printf("reading version: %v", err)
			time.Sleep(time.Second)
			continue
		}
		if err := compare(want, got); err != nil {
			log.Printf("version %s, want %s", got, want)
			time.Sleep(time.Second)
			continue
		}
		return nil
	}
	return errMismatch
}
