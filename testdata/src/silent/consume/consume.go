// Package consume holds loops that take batches and walk them: a failed
// fetch is waited out, a failed item is logged, and the loop goes on after
// every batch. No call is retried until it succeeds.
package consume

import (
	"context"
	"log"
	"time"
)

type Msg struct{ ID string }

type Queue interface {
	Fetch(ctx context.Context) ([]Msg, error)
	Ack(m Msg) error
}

func consume(ctx context.Context, q Queue, handle func(Msg) error) {
	for ctx.Err() == nil {
		msgs, err := q.Fetch(ctx)
		if err != nil {
			log.Printf("fetch: %v", err)
			time.Sleep(time.Second)
			continue
		}
		for _, m := range msgs {
			if err := handle(m); err != nil {
				log.Printf("handle %s: %v", m.ID, err)
				continue
			}
			if err := q.Ack(m); err != nil {
				log.Printf("ack %s: %v", m.ID, err)
			}
		}
	}
}

type Server interface{ Serve(addr string) error }

// serveAny serves on the first address that works, and starts over when
// serving ends, for as long as ctx lasts: a supervisor.
func serveAny(ctx context.Context, s Server, addrs []string) {
	for ctx.Err() == nil {
		for _, a := range addrs {
			if err := s.Serve(a); err != nil {
				log.Printf("serve %s: %v", a, err)
				continue
			}
			break
		}
		time.Sleep(time.Second)
	}
}
