// Package walkpeers checks a retry whose attempt is a walk over a list:
// each pass asks the peers in turn, and the walk is started over, after a
// pause, until one answers or the context ends.
package walkpeers

import (
	"context"
	"errors"
	"time"
)

var errGone = errors.New("gone")

type Cluster interface {
	Leader(ctx context.Context) ([]string, error)
	Renew(ctx context.Context, url string, id int64) (int64, error)
}

func renew(ctx context.Context, c Cluster, id int64) (int64, error) {
	for ctx.Err() == nil { // want `^hand-rolled retry loop \(constant delay of 50ms\) can be replaced by retry\.Do; no automatic fix: each attempt walks a list$`
		urls, err := c.Leader(ctx)
		if err != nil {
			return 0, err
		}
		for _, u := range urls {
			ttl, err := c.Renew(ctx, u+"/renew", id)
			if err == nil || errors.Is(err, errGone) {
				return ttl, err
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return 0, ctx.Err()
}
