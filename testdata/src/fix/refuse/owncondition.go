package refuse

import (
	"sync/atomic"
	"time"
)

// publisher sends messages to a broker until it is told to close.
type publisher struct {
	closing atomic.Bool
	publish func(msg []byte) error
}

// The loop also stops once the publisher is closing, a test of something
// other than the error: the rewrite tells failures apart by their error only.
func (p *publisher) send(msg []byte) error {
	var err error
	for i := 0; i < 5; i++ { // want `no automatic fix: the loop leaves on a condition of its own$`
		if err = p.publish(msg); err == nil {
			return nil
		}
		if p.closing.Load() {
			return err
		}
		time.Sleep(time.Second)
	}
	return err
}
