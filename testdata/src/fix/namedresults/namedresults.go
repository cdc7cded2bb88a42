// Package namedresults fills a buffer from a reader, reading again after a
// temporary error, up to five times. The count and the error are the
// function's named results, which a bare return gives back; the count of
// one read is the loop's own, and nothing after the loop reads it.
package namedresults

import (
	"io"
	"net"
)

// Fill reads len(p) bytes into p, n counting what arrived over all tries.
func Fill(r io.Reader, p []byte) (n int, err error) {
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, no delay\) can be replaced by retry.Do$`
		var nn int
		nn, err = io.ReadFull(r, p[n:])
		n += nn
		if err == nil {
			break
		}
		if ne, ok := err.(net.Error); !ok || !ne.Timeout() {
			break
		}
	}
	return
}
