// Package reconnect keeps a subscription alive: after a successful dial it
// consumes until the connection drops, then dials again.
package reconnect

import (
	"context"
	"log"
	"time"
)

type Stream interface {
	Consume(ctx context.Context) error
}

type Dialer interface {
	Dial(ctx context.Context) (Stream, error)
}

func follow(ctx context.Context, d Dialer) {
	for ctx.Err() == nil {
		s, err := d.Dial(ctx)
		if err != nil {
			log.Printf("dial: %v", err)
			time.Sleep(3 * time.Second)
			continue
		}
		if err := s.Consume(ctx); err != nil {
			log.Printf("stream ended: %v", err)
		}
	}
}
