// Package lookupwait waits for a key to appear in a store: a lookup that
// finds nothing is no failure (its error is nil), so the loop tells "not
// there yet" from a failed lookup, and stops on the latter at once.
package lookupwait

import (
	"context"
	"time"
)

type Entry struct{ Value string }

type Store interface {
	Lookup(ctx context.Context, key string) (*Entry, error)
}

func await(ctx context.Context, s Store, key string) (*Entry, error) {
	for i := 0; i < 20; i++ {
		e, err := s.Lookup(ctx, key)
		if e != nil {
			return e, nil
		}
		if err != nil {
			return nil, err
		}
		time.Sleep(250 * time.Millisecond)
	}
	return nil, context.DeadlineExceeded
}

// first walks the replicas for the first that holds the key: each
// iteration asks another one, so nothing is asked again.
func first(ctx context.Context, replicas []Store, key string) (*Entry, error) {
	var last error
	for _, r := range replicas {
		e, err := r.Lookup(ctx, key)
		if e != nil {
			return e, nil
		}
		last = err
		time.Sleep(10 * time.Millisecond)
	}
	return nil, last
}

type Message struct{ Body []byte }

type Subscription interface {
	Next(ctx context.Context) (*Message, error)
}

// consume handles messages until the context ends: an empty receive is
// waited out, and a message is no reason to stop.
func consume(ctx context.Context, sub Subscription, handle func(*Message)) {
	for ctx.Err() == nil {
		msg, _ := sub.Next(ctx)
		if msg == nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		handle(msg)
	}
}

// drainAll reads until the subscription has nothing more: a nil message
// ends the walk, it is not retried.
func drainAll(ctx context.Context, sub Subscription) ([]*Message, error) {
	var out []*Message
	for {
		msg, err := sub.Next(ctx)
		if msg == nil {
			return out, err
		}
		out = append(out, msg)
		time.Sleep(time.Millisecond)
	}
}
