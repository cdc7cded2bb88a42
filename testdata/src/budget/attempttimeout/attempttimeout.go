// Package attempttimeout gives each try its own deadline and tries again
// when that deadline, not the caller's, cut it short: a retry of timed-out
// attempts, which the context-only lookalike (silent/ctxonly) must not
// swallow.
package attempttimeout

import (
	"context"
	"errors"
	"time"
)

func fetch(ctx context.Context, key string) ([]byte, error) { return nil, nil }

// Get tries up to four times, each try cut at two seconds, a second apart.
func Get(ctx context.Context, key string) ([]byte, error) {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop \(4 attempts, constant delay of 1s\)`
		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
		var b []byte
		b, err = fetch(actx, key)
		cancel()
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		time.Sleep(time.Second)
	}
	return nil, err
}
