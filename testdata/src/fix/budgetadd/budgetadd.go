// Package budgetadd retries while the error is one to retry and the time
// budget, written as the start plus the budget compared with the clock, is
// not spent; the backoff doubles, capped with a min of the package's own.
package budgetadd

import (
	"errors"
	"time"
)

// ErrSyncing says the replicas have not caught up yet.
var ErrSyncing = errors.New("replicas syncing")

func syncing(err error) bool { return errors.Is(err, ErrSyncing) }

// smaller is the min of a package written before the builtin.
func smaller(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

// Commit closes the write while the replicas are syncing, for up to timeout,
// 400ms, 800ms, ... apart, never more than 2s.
func Commit(close func() error, timeout time.Duration) error {
	start := time.Now()
	pause := 400 * time.Millisecond
	var err error
	for { // want `^hand-rolled retry loop \(for up to timeout, exponential backoff from 400ms capped at 2s\) can be replaced by retry\.Do$`
		err = close()
		if syncing(err) && start.Add(timeout).After(time.Now()) {
			time.Sleep(pause)
			pause = smaller(2*pause, 2*time.Second)
			continue
		}
		break
	}
	if err != nil {
		return err
	}
	return nil
}
