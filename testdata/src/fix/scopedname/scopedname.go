// Package scopedname retries where the function has an err of its own that
// the loop's err shadows: the call declares its error in the if that tests
// it, so the name keeps meaning what it meant around the loop.
package scopedname

import (
	"errors"
	"time"
)

// Warm loads the cache, then pings the peer up to 4 times, 50ms apart.
func Warm(load, ping func() error) error {
	err := load()
	if err != nil {
		return err
	}
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		if err := ping(); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("peer did not answer")
}

// Announce sends the greeting up to 3 times, at once, and reports whether
// the peer heard it.
func Announce(send func(string) error, logf func(string, ...any)) bool {
	var err error
	logf("announcing (last error %v)", err)
	heard := false
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		if err := send("hello"); err != nil {
			continue
		}
		heard = true
		break
	}
	return heard
}
