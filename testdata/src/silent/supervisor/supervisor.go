// Package supervisor restarts a component whenever it stops.
package supervisor

import (
	"context"
	"log"
	"time"
)

func supervise(ctx context.Context, run func(context.Context) error) {
	for {
		err := run(ctx)
		log.Printf("component stopped: %v; restarting", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
}
