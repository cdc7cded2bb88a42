// Package pollvalue asks for a value until it is there, at a steady pace:
// a lookup that finds nothing has not failed, the value is not there yet.
// Nothing backs off, so nothing reads as retrying a failure.
package pollvalue

import (
	"context"
	"errors"
	"time"
)

type Node struct{ Name string }

type Cluster interface {
	Leader() *Node
}

// waitLeader polls until the cluster elected a leader.
func waitLeader(c Cluster) (*Node, error) {
	for i := 0; i < 100; i++ {
		if l := c.Leader(); l != nil {
			return l, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil, errors.New("no leader")
}

// nextJob takes the next job from a queue, sampling it every tick until
// the context ends.
func nextJob(ctx context.Context, pop func() *Node) *Node {
	for {
		j := pop()
		if j != nil {
			return j
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Second):
		}
	}
}

// search walks a chain of nodes until one is missing: each call asks for
// another one, nothing is asked twice.
func search(next func(*Node) *Node, from *Node) *Node {
	cur := from
	for i := 0; i < 10; i++ {
		n := next(cur)
		if n == nil {
			return cur
		}
		cur = n
	}
	return cur
}
