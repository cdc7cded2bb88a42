// Package shadowed checks a retry whose failure branch tests a second
// error of the same name, declared in an if's init: what the code assumed
// of that error says nothing of the next attempt's.
package shadowed

import (
	"example.com/errkind"
	"fmt"
)

type Store interface {
	Create(name string) (string, error)
	Lookup(id string) (string, error)
}

// reserve creates a scratch entry under a fresh name, up to three times
// while the name is taken and the entry it should lead to is not there yet.
func reserve(s Store, id string, fresh func() string) (string, error) {
	var (
		handle string
		err    error
	)
	for try := 1; try <= 3; try++ { // want `^hand-rolled retry loop \(3 attempts, no delay\) can be replaced by retry\.Do`
		handle, err = s.Create(fresh())
		if err != nil {
			if errkind.IsTaken(err) {
				if _, err := s.Lookup(id); err != nil {
					if !errkind.IsMissing(err) {
						return "", fmt.Errorf("lookup %s: %w", id, err)
					}
				} else {
					return "", nil // someone else made it
				}
			} else {
				return "", fmt.Errorf("create: %w", err)
			}
		} else {
			break
		}
	}
	if err != nil {
		return "", err
	}
	return handle, nil
}
