// Package sideerr checks a retry whose work after a failure calls something
// else that sets the same error variable: the attempt still failed, and the
// loop ends when its passes run out.
package sideerr

import (
	"errors"
	"fmt"
)

var errInterrupted = errors.New("interrupted")

type Volume interface {
	Attach(dev string) error
	Generation(dev string) (int, error)
	Detach(dev string) error
}

// attach retries an attach that was interrupted; as the attach may have
// half happened, it detaches again first when the device changed.
func attach(v Volume, dev string) error {
	before, err := v.Generation(dev)
	if err != nil {
		return err
	}
	const tries = 5
	for range tries { // want `^hand-rolled retry loop \(5 attempts, no delay\) can be replaced by retry\.Do; no automatic fix: `
		err := v.Attach(dev)
		if err == nil {
			return nil
		}
		if !errors.Is(err, errInterrupted) {
			return fmt.Errorf("attach %s: %w", dev, err)
		}
		after, err := v.Generation(dev)
		if err != nil {
			return err
		}
		if after != before {
			_ = v.Detach(dev)
		}
	}
	return fmt.Errorf("attach %s: still interrupted after %d tries", dev, tries)
}
