package dropimport

import (
	"errors"
	"time"
)

var errNotReady = errors.New("not ready")

// Ping waits for the service, c.pause apart.
func (c *Client) Ping(ping func() error) error {
	var err error
	for i := 0; i < c.attempts; i++ { // want `hand-rolled retry loop`
		if err = ping(); err == nil {
			return nil
		}
		time.Sleep(c.pause)
	}
	return errors.Join(errNotReady, err)
}

// Flush flushes the buffer, c.pause apart.
func (c *Client) Flush(flush func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		if err = flush(); err == nil {
			break
		}
		time.Sleep(c.pause)
	}
	return err
}
