// Package since keeps trying for a fixed time instead of a fixed count.
package since

import (
	"net"
	"time"
)

func waitForPort(addr string) error {
	start := time.Now()
	var err error
	for time.Since(start) < 30*time.Second { // want `^hand-rolled retry loop \(for up to 30s, constant delay of 500ms\)`
		var c net.Conn
		c, err = net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			return c.Close()
		}
		time.Sleep(500 * time.Millisecond)
	}
	return err
}
