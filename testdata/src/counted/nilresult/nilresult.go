// Package nilresult retries a getter that reports failure by returning
// nil: a plugin's session may be gone while the plugin restarts, so the
// loop asks again, backing off more after each miss, until the limit or
// the shutdown.
package nilresult

import (
	"context"
	"errors"
	"time"
)

type Session struct{ ID int }

type Cache struct {
	connect  func() *Session
	session  *Session
	shutdown context.Context
}

func (c *Cache) reconnect() (*Session, error) {
	for n := range 5 { // want `^hand-rolled retry loop \(5 attempts, exponential backoff from 10ms\) can be replaced by retry.Do; no automatic fix: the wait also listens to another channel$`
		c.session = c.connect()
		if c.session != nil {
			return c.session, nil
		}
		select {
		case <-c.shutdown.Done():
			return nil, c.shutdown.Err()
		case <-time.After(10 * time.Millisecond << n):
		}
	}
	return nil, errors.New("no session")
}

type Dialer interface {
	Dial(addr string) *Session
}

func open(d Dialer, addr string) *Session {
	wait := 50 * time.Millisecond
	for i := 0; i < 4; i++ { // want `^hand-rolled retry loop \(4 attempts, exponential backoff from 50ms\) can be replaced by retry.Do$`
		s := d.Dial(addr)
		if s != nil {
			return s
		}
		time.Sleep(wait)
		wait *= 2
	}
	return nil
}
