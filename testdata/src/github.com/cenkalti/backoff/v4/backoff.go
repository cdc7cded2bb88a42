// Package backoff is a stub of github.com/cenkalti/backoff/v4 with the few
// names the fixtures use.
package backoff

import "time"

// Stop is returned by NextBackOff when no more retries should be made.
const Stop time.Duration = -1

// BackOff computes the wait before each retry.
type BackOff interface {
	NextBackOff() time.Duration
	Reset()
}

// ExponentialBackOff is a BackOff that doubles its delay.
type ExponentialBackOff struct{ cur time.Duration }

// NewExponentialBackOff returns an ExponentialBackOff.
func NewExponentialBackOff() *ExponentialBackOff { return &ExponentialBackOff{cur: time.Second} }

// NextBackOff returns the next delay.
func (b *ExponentialBackOff) NextBackOff() time.Duration { b.cur *= 2; return b.cur }

// Reset starts over.
func (b *ExponentialBackOff) Reset() { b.cur = time.Second }

// Retry runs o until it succeeds or b says Stop.
func Retry(o func() error, b BackOff) error {
	for {
		err := o()
		if err == nil {
			return nil
		}
		d := b.NextBackOff()
		if d == Stop {
			return err
		}
		time.Sleep(d)
	}
}
