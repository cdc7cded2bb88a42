// Package nilvalue retries calls that say they failed with their result
// alone: a nil pointer, or false.
package nilvalue

import (
	"context"
	"errors"
	"time"
)

// Conn is a connection a registry hands out.
type Conn struct{ Addr string }

// Lookup asks the registry three times, waiting 20ms and then 40ms, and
// hands back nil when it never answered.
func Lookup(find func(name string) *Conn, name string) *Conn {
	delay := 20 * time.Millisecond
	for try := 0; try < 3; try++ { // want `hand-rolled retry loop \(3 attempts, exponential backoff from 20ms\)`
		conn := find(name)
		if conn != nil {
			return conn
		}
		time.Sleep(delay)
		delay *= 2
	}
	return nil
}

// Claim tries to claim a slot up to five times, 10ms more apart each time.
func Claim(claim func(slot int) bool, slot int) bool {
	for i := 1; i <= 5; i++ { // want `hand-rolled retry loop \(5 attempts, linear backoff from 10ms\)`
		if ok := claim(slot); ok {
			return true
		}
		time.Sleep(time.Duration(i) * 10 * time.Millisecond)
	}
	return false
}

// ErrNotReady is what Ready returns when the service never said it was.
var ErrNotReady = errors.New("not ready")

// Ready asks the service four times whether it is ready, backing off from
// 50ms, until ctx ends.
func Ready(ctx context.Context, ready func(ctx context.Context) bool) error {
	wait := 50 * time.Millisecond
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop \(4 attempts, exponential backoff from 50ms\)`
		ok := ready(ctx)
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
	return ErrNotReady
}
