// Package expectfail calls an operation that must keep failing, pausing
// between calls: a success is the error, so nothing is retried.
package expectfail

import (
	"context"
	"log"
	"time"
)

type Resolver interface {
	Lookup(ctx context.Context, host string) ([]string, error)
}

func hammer(ctx context.Context, r Resolver, n int) {
	for i := 0; i < n; i++ {
		addrs, err := r.Lookup(ctx, "invalid.example")
		if err == nil {
			log.Fatalf("lookup of an invalid name returned %v", addrs)
		}
		time.Sleep(time.Millisecond)
	}
}
