package refuse

import (
	"context"
	"time"
)

// waitReady pings on every tick until the service answers or ctx ends. A
// ticker starts the attempts at a fixed rate, whatever each one took, and
// the first waits for the first tick: a delay after each failure is not the
// same schedule.
func waitReady(ctx context.Context, ping func(context.Context) error) error {
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	for { // want `^hand-rolled retry loop \(constant delay of 500ms\) can be replaced by retry\.Do; no automatic fix: the loop waits for a ticker, which starts the attempts at a fixed rate$`
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			if err := ping(ctx); err == nil {
				return nil
			}
		}
	}
}

// connect is waitReady with the ticker declared among other variables and
// the client kept on success.
func connect(ctx context.Context, dial func() (*conn, error)) (*conn, error) {
	var (
		c      *conn
		err    error
		ticker = time.NewTicker(time.Second)
	)
	defer ticker.Stop()
	for { // want `^hand-rolled retry loop \(constant delay of 1s\) can be replaced by retry\.Do; no automatic fix: the loop waits for a ticker, which starts the attempts at a fixed rate$`
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-ticker.C:
			c, err = dial()
			if err != nil {
				continue
			}
			return c, nil
		}
	}
}

type conn struct{}
