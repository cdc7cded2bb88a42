// Package firstonly waits after the first failure only: the delays are not a
// schedule the message can name, so it says the delay is computed.
package firstonly

import (
	"context"
	"time"
)

type Balancer interface {
	Put(ctx context.Context, key string) error
}

func put(ctx context.Context, b Balancer, key string) error {
	var err error
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, computed delay\)`
		err = b.Put(ctx, key)
		if err == nil {
			break
		}
		if i == 0 {
			time.Sleep(5 * time.Second) // let the balancer switch endpoints
		}
	}
	return err
}
