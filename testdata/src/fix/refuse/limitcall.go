package refuse

import (
	"errors"
	"net"
	"time"
)

type ReconnectPolicy interface {
	MaxRetries() int
	Interval(attempt int) time.Duration
}

type hostConn struct{}

func dialHost(addr string) (*hostConn, error) { return &hostConn{}, nil }

// connectHost connects to a host as many times as a reconnection
// policy allows, waiting what the policy says after each failure. The limit
// is a method call the loop makes before every attempt; the retry is
// reported, but a rewrite would ask the policy once, so it gets no fix.
func connectHost(p ReconnectPolicy, addr string) (*hostConn, error) {
	var c *hostConn
	var err error
	for i := 0; i < p.MaxRetries(); i++ { // want `^hand-rolled retry loop \(p.MaxRetries\(\) attempts, computed delay\) can be replaced by retry.Do; no automatic fix: the attempt limit is a call the loop makes again before each attempt$`
		c, err = dialHost(addr)
		if err == nil {
			break
		}
		var opErr *net.OpError
		if errors.As(err, &opErr) && !opErr.Temporary() {
			break
		}
		time.Sleep(p.Interval(i))
	}
	return c, err
}
