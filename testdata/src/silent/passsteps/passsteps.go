// Package passsteps holds loops whose passes fail on a step before a call
// and go round, where that call is no operation being retried: the pass as
// a whole is repeated, or each pass works on another item.
package passsteps

import (
	"context"
	"errors"
	"time"
)

type Stream interface {
	Send(id int64) error
	Recv() (int64, error)
}

type Leases interface {
	Grant(ctx context.Context) (int64, error)
}

// churn grants, sends and receives until ctx ends, skipping a pass on any
// error: load for a test, not a retry of any one call.
func churn(ctx context.Context, l Leases, s Stream) error {
	for ctx.Err() == nil {
		id, err := l.Grant(ctx)
		if err != nil {
			continue
		}
		if err := s.Send(id); err != nil {
			continue
		}
		ttl, err := s.Recv()
		if err != nil {
			continue
		}
		if ttl == 0 {
			return errors.New("lease expired at once")
		}
	}
	return nil
}

type Item struct{ Name string }

type Iter interface{ Next() any }

type Registry interface {
	Check(name string) (bool, error)
	Launch(name string) (time.Time, error)
}

// restore walks the items an iterator hands out, skipping those that fail
// a check; each pass works on another item.
func restore(it Iter, r Registry) error {
	for x := it.Next(); x != nil; x = it.Next() {
		item := x.(*Item)
		if ok, err := r.Check(item.Name); err != nil || !ok {
			continue
		}
		when, err := r.Launch(item.Name)
		if err != nil {
			return err
		}
		if when.IsZero() {
			return errors.New("never launched")
		}
	}
	return nil
}
