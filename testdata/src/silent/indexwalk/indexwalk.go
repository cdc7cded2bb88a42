// Package indexwalk forwards a query to the upstreams of a list in turn,
// for up to five seconds: each pass takes the next upstream by an index the
// loop steps, so a failure moves on to another server instead of asking the
// same one again. That is failover across candidates, not a retry, even
// though a deadline rather than the index bounds the loop.
package indexwalk

import (
	"context"
	"errors"
	"time"
)

type upstream interface {
	Query(ctx context.Context, q string) (string, error)
}

var errNoAnswer = errors.New("no upstream answered")

func forward(ctx context.Context, ups []upstream, q string) (string, error) {
	deadline := time.Now().Add(5 * time.Second)
	i := 0
	for time.Now().Before(deadline) {
		if i >= len(ups) {
			break
		}
		up := ups[i]
		i++
		callCtx, cancel := context.WithDeadline(ctx, deadline)
		answer, err := up.Query(callCtx, q)
		cancel()
		if err != nil {
			continue
		}
		return answer, nil
	}
	return "", errNoAnswer
}
