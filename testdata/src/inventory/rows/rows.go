// Package rows holds one retry of each sort the inventory tells apart: two
// with the same policy, one that logs and counts, one that watches its
// context, one bounded by time, one in a function literal, one without a
// fix, and one silenced by a directive, which has no row.
package rows

import (
	"context"
	"errors"
	"log"
	"sync/atomic"
	"time"
)

var errBusy = errors.New("busy")

func op() error                       { return nil }
func opCtx(ctx context.Context) error { return nil }
func isTemporary(err error) bool      { return true }

var retries atomic.Int64

// same and twin share a policy: 3 attempts, 100ms apart, every error.
func same() error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 100ms\)`
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

func twin() error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 100ms\)`
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

type Client struct{}

// Get logs and counts each failure, retries only temporary errors, and
// doubles its wait up to a cap, watching ctx.
func (c *Client) Get(ctx context.Context) error {
	var err error
	delay := 50 * time.Millisecond
	for attempt := 0; attempt < 8; attempt++ { // want `^hand-rolled retry loop \(8 attempts, exponential backoff from 50ms capped at 1s\)`
		err = opCtx(ctx)
		if err == nil {
			return nil
		}
		if !isTemporary(err) {
			return err
		}
		log.Printf("attempt %d: %v", attempt, err)
		retries.Add(1)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(delay*2, time.Second)
	}
	return err
}

// budget retries for up to 2s and gives up at once on errBusy; the budget is
// tested before each attempt.
func budget(ctx context.Context) error {
	start := time.Now()
	for time.Since(start) < 2*time.Second { // want `^hand-rolled retry loop \(for up to 2s, constant delay of 10ms\)`
		err := op()
		if err == nil {
			return nil
		}
		if errors.Is(err, errBusy) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
	return errors.New("out of time")
}

// handler holds its retry in a function literal.
func handler() func() error {
	return func() error {
		var err error
		for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 100ms\)`
			if err = op(); err == nil {
				return nil
			}
			time.Sleep(100 * time.Millisecond)
		}
		return err
	}
}

// counterAfter reads its counter after the loop: no fix.
func counterAfter() (int, error) {
	var err error
	i := 0
	for ; i < 4; i++ { // want `no automatic fix: the counter is used after the loop$`
		if err = op(); err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	return i, err
}

// silenced has no row: its finding is suppressed.
func silenced() error {
	var err error
	//retrylint:ignore the probe runs before the retry package is loaded
	for i := 0; i < 2; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
