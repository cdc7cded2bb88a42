// Package manyvalues retries operations that return more than one value
// besides their error: the closure assigns them, and the code after the
// call reads them as it read them after the loop.
package manyvalues

import (
	"context"
	"time"
)

// Locks takes named leases from a lock service.
type Locks struct {
	Acquire func(name string) (token string, ttl time.Duration, err error)
}

// Lease takes a lease with its token and lifetime, in up to three tries
// half a second apart.
func (l *Locks) Lease(name string) (string, time.Duration, error) {
	var (
		token string
		ttl   time.Duration
		err   error
	)
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		if token, ttl, err = l.Acquire(name); err == nil {
			return token, ttl, nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return "", 0, err
}

// Page lists one page of keys after a marker, trying up to four times; the
// page, its next marker and whether more follow all come from the last try.
func Page(ctx context.Context, list func(ctx context.Context, after string) ([]string, string, bool, error), after string) ([]string, string, error) {
	for attempt := 0; attempt < 4; attempt++ { // want `hand-rolled retry loop`
		keys, next, more, err := list(ctx, after)
		if err == nil {
			if !more {
				next = ""
			}
			return keys, next, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, "", context.DeadlineExceeded
}

// Apply applies a change through the log, whose index and response it
// drops, up to five times a second apart.
func Apply(apply func(change string) (uint64, any, error), change string) error {
	var err error
	for i := 0; i < 5; i++ { // want `hand-rolled retry loop`
		_, _, err = apply(change)
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// Next reads the batch after from; a read that fails is tried again up to
// three more times, 50ms apart.
func Next(read func(from int) ([]byte, int, error), from int) ([]byte, int, error) {
	var (
		batch []byte
		next  int
		err   error
	)
	batch, next, err = read(from)
	tries := 0
	for err != nil && tries < 3 { // want `hand-rolled retry loop`
		time.Sleep(50 * time.Millisecond)
		batch, next, err = read(from)
		tries++
	}
	if err != nil {
		return nil, from, err
	}
	return batch, next, nil
}

// Exec runs a statement up to three times 10ms apart; the count of rows it
// changed is dropped, so the closure returns only the error.
func Exec(exec func(stmt string) (int64, error), stmt string) error {
	var err error
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		_, err = exec(stmt)
		if err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}
