// Package rangeint ranges over an integer and logs the attempt number.
package rangeint

import "time"

// Conn is a connection.
type Conn interface{ Close() error }

// Dial connects up to four times, waiting 1s, 2s, then 3s.
func Dial(dial func(addr string) (Conn, error), logf func(string, ...any), addr string) (Conn, error) {
	var lastErr error
	for i := range 4 { // want `hand-rolled retry loop`
		conn, err := dial(addr)
		if err == nil {
			return conn, nil
		}
		logf("dial %s: attempt %d: %v", addr, i+1, err)
		lastErr = err
		time.Sleep(time.Duration(i+1) * time.Second)
	}
	return nil, lastErr
}
