// Package rangeint uses the range-over-int loop of Go 1.22 with a linear backoff.
package rangeint

import (
	"net"
	"time"
)

func dial(addr string) (net.Conn, error) {
	var lastErr error
	for i := range 4 { // want `^hand-rolled retry loop \(4 attempts, linear backoff from 1s\)`
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn, nil
		}
		lastErr = err
		time.Sleep(time.Duration(i+1) * time.Second)
	}
	return nil, lastErr
}
