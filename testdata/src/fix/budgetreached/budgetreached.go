// Package budgetreached bounds its retries by time and stops once the
// budget is reached, the boundary included.
package budgetreached

import (
	"errors"
	"time"
)

// ErrBusy says another holder has the lock.
var ErrBusy = errors.New("busy")

// Lock tries to take a lock once a second, and gives up on the failure that
// comes 3s or more after the first try.
func Lock(try func() error) error {
	start := time.Now()
	for { // want `hand-rolled retry loop`
		err := try()
		if err == nil {
			return nil
		}
		if time.Since(start) >= 3*time.Second {
			return err
		}
		time.Sleep(time.Second)
	}
}

// Subscribe subscribes again at once after each failure, for up to 2s.
func Subscribe(subscribe func(topic string) (string, error), topic string) (string, error) {
	var (
		id  string
		err error
	)
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) { // want `hand-rolled retry loop`
		id, err = subscribe(topic)
		if err == nil {
			break
		}
	}
	return id, err
}

// Reserve tries to reserve a slot every 400ms for up to 2s, and stops at
// once when the slot is busy.
func Reserve(reserve func() error) error {
	start := time.Now()
	for time.Since(start) < 2*time.Second { // want `hand-rolled retry loop`
		err := reserve()
		if err == nil {
			return nil
		}
		if errors.Is(err, ErrBusy) {
			return err
		}
		time.Sleep(400 * time.Millisecond)
	}
	return errors.New("out of time")
}
