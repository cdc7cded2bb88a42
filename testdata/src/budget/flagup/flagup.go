// Package flagup checks a retry within a time budget whose success sets a
// flag that the loop's condition tests beside the clock.
package flagup

import (
	"errors"
	"io"
	"time"
)

type Port interface {
	Resolve() error
	Open(network string) (io.Closer, error)
}

// waitListening opens the port again, a second apart, until it answers on
// one network or the other, or five seconds went by: a readiness probe of
// the retry shape, reported as one (see docs/corpus.md). The error tested
// before the loop has the name of the ones tested in it.
func waitListening(p Port) error {
	err := p.Resolve()
	if err != nil {
		return err
	}
	up := false
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && !up { // want `^hand-rolled retry loop \(for up to 5s, constant delay of 1s\) can be replaced by retry\.Do; no automatic fix: `
		if c, err := p.Open("tcp6"); err != nil {
			if c, err := p.Open("tcp4"); err != nil {
				time.Sleep(time.Second)
				continue
			} else {
				c.Close()
			}
		} else {
			c.Close()
		}
		up = true
	}
	if !up {
		return errors.New("port never opened")
	}
	return nil
}
