// Package doubledvar is a while loop with a doubled, capped delay.
package doubledvar

import "time"

type Client struct {
	maxAttempts int
	conn        interface{ Flush() error }
}

func (c *Client) flush() error {
	var (
		tries int
		err   error
		wait  = 10 * time.Millisecond
	)
	for tries < c.maxAttempts { // want `^hand-rolled retry loop \(c\.maxAttempts attempts, exponential backoff from 10ms capped at 1s\)`
		if err = c.conn.Flush(); err == nil {
			return nil
		}
		tries++
		time.Sleep(wait)
		wait = min(wait*2, time.Second)
	}
	return err
}
