// Package pkgname imports a package whose name its path does not tell: the
// fix must see that the file still uses it.
package pkgname

import (
	"time"

	"example.com/nats.go"
)

// Connect connects up to five times, a second apart.
func Connect(url string) (*nats.Conn, error) {
	var lastErr error
	for i := 0; i < 5; i++ { // want `hand-rolled retry loop`
		c, err := nats.Connect(url)
		if err == nil {
			return c, nil
		}
		lastErr = err
		time.Sleep(time.Second)
	}
	return nil, lastErr
}
