// Package failover tries each address once: a different call every time.
package failover

import (
	"net"
	"time"
)

func dialAny(addrs []string) (net.Conn, error) {
	var lastErr error
	for _, a := range addrs {
		c, err := net.Dial("tcp", a)
		if err == nil {
			return c, nil
		}
		lastErr = err
		time.Sleep(100 * time.Millisecond)
	}
	return nil, lastErr
}

func dialIndexed(addrs []string) (net.Conn, error) {
	var lastErr error
	for i := 0; i < len(addrs); i++ {
		c, err := net.Dial("tcp", addrs[i])
		if err == nil {
			return c, nil
		}
		lastErr = err
		time.Sleep(100 * time.Millisecond)
	}
	return nil, lastErr
}
