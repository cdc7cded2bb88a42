// Package retry is a stub of github.com/avast/retry-go/v4.
package retry

import "time"

// Option configures Do.
type Option func(*config)

type config struct {
	attempts uint
	delay    time.Duration
}

// Attempts sets the number of tries.
func Attempts(n uint) Option { return func(c *config) { c.attempts = n } }

// Delay sets the pause between tries.
func Delay(d time.Duration) Option { return func(c *config) { c.delay = d } }

// Do runs fn until it succeeds or the attempts run out.
func Do(fn func() error, opts ...Option) error {
	c := &config{attempts: 10, delay: 100 * time.Millisecond}
	for _, o := range opts {
		o(c)
	}
	var err error
	for i := uint(0); i < c.attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
		time.Sleep(c.delay)
	}
	return err
}
