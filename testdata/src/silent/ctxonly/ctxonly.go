// Package ctxonly polls a device-authorisation endpoint: the answer is
// "pending" until the user logs in. The only error the loop goes round on is
// its own context's cancellation, and only so that the select below reports
// it; every other failure ends the loop. What repeats is a question about a
// state, not a failed call: a poll.
package ctxonly

import (
	"context"
	"errors"
	"time"
)

type answer struct {
	token   string
	pending bool
}

func ask(ctx context.Context, code string) (answer, error) { return answer{}, nil }

// WaitForToken asks every interval until the token comes, the code
// expires or ctx ends.
func WaitForToken(ctx context.Context, code string, interval, expiry time.Duration) (string, error) {
	tick := time.NewTimer(interval)
	defer tick.Stop()
	expired := time.NewTimer(expiry)
	defer expired.Stop()
	for {
		tick.Reset(interval)
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-expired.C:
			return "", errors.New("device code expired")
		case <-tick.C:
			a, err := ask(ctx, code)
			if err != nil {
				if errors.Is(err, context.Canceled) {
					continue // the ctx case says so on the next round
				}
				return "", err
			}
			if a.pending {
				continue
			}
			return a.token, nil
		}
	}
}

// Watch does the same with a sleep: ctx's own end is the one failure it
// goes round on, and the loop's condition sees it.
func Watch(ctx context.Context, code string) (string, error) {
	for ctx.Err() == nil {
		a, err := ask(ctx, code)
		if err != nil && !errors.Is(err, context.Canceled) {
			return "", err
		}
		if err == nil && !a.pending {
			return a.token, nil
		}
		time.Sleep(time.Second)
	}
	return "", ctx.Err()
}
