package refuse

import (
	"math/rand"
	"time"
)

// The loop pauses a random while before every attempt, the first included,
// so that restarted clients do not all call at once: the first pause would
// need its own draw before the call, in the order the loop made them.
func callSidecar(call func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the loop waits before the first attempt$`
		time.Sleep(time.Duration(rand.Int63n(int64(time.Second))))
		if err = call(); err == nil {
			return nil
		}
	}
	return err
}
