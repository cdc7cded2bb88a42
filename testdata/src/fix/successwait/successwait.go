// Package successwait holds a retry that pauses on its way out after a
// success.
package successwait

import (
	"io"
	"time"
)

// CheckSocket pauses after a successful dial, for the server to forget the
// connection: that pause is part of the way out, and stays after the call.
func CheckSocket(dial func() (io.Closer, error)) bool {
	for range 10 { // want `hand-rolled retry loop \(10 attempts, constant delay of 50ms\)`
		conn, err := dial()
		if err != nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		conn.Close()
		time.Sleep(25 * time.Millisecond)
		return true
	}
	return false
}
