// Package pollflag asks at a steady pace whether something holds: a false
// answer is not a failure but "not yet", and nothing backs off.
package pollflag

import (
	"context"
	"time"
)

type Replica interface {
	CaughtUp() bool
	Advance() bool
}

// waitCaughtUp polls the replica until it has applied the leader's log.
func waitCaughtUp(ctx context.Context, r Replica) error {
	for {
		done := r.CaughtUp()
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// settle steps an iteration until it stops changing: true means it
// changed, and the loop goes on while it does.
func settle(r Replica) int {
	steps := 0
	for i := 0; i < 50; i++ {
		changed := r.Advance()
		if !changed {
			break
		}
		steps++
		time.Sleep(time.Millisecond << i)
	}
	return steps
}
