package refuse

// This retries until a stop channel says to give up, but looks at the
// channel after a failure and before the pause, which does not listen to
// it: retry.StopBefore looks before each attempt, after the pause, and
// retry.WaitsEndOn during the pause, so either would stop at another moment
// than the loop. (A look at the top of each pass is fixed: see
// testdata/src/fix/stopchan.)

import (
	"errors"
	"net"
	"syscall"
	"time"
)

// dialUntilStopped dials while the socket file does not exist yet, 10ms
// apart, until stop is closed.
func dialUntilStopped(addr string, stop <-chan struct{}) (net.Conn, error) {
	for { // want `^hand-rolled retry loop \(constant delay of 10ms\) can be replaced by retry\.Do; no automatic fix: the loop stops when a channel that is not a context is ready$`
		c, err := net.Dial("unix", addr)
		if !errors.Is(err, syscall.ENOENT) {
			return c, err
		}
		select {
		case <-stop:
			return nil, errors.New("stopped")
		default:
		}
		time.Sleep(10 * time.Millisecond)
	}
}
