// Package classified leaves on success and on permanent errors in one test.
package classified

import (
	"net"
	"time"
)

func retryable(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

type Resolver interface {
	Resolve(host string) ([]string, error)
}

func resolve(r Resolver, host string) (addrs []string, err error) {
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 100ms\)`
		addrs, err = r.Resolve(host)
		if err == nil || !retryable(err) {
			return addrs, err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, err
}
