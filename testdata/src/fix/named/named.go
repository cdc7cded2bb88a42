// Package named returns through named results, with an error that may or
// may not be nil when it stops retrying.
package named

import "time"

func temporary(err error) bool {
	t, ok := err.(interface{ Temporary() bool })
	return ok && t.Temporary()
}

// Resolve looks host up to three times, 100ms apart, while the error says it
// is temporary.
func Resolve(resolve func(host string) ([]string, error), host string) (addrs []string, err error) {
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		addrs, err = resolve(host)
		if err == nil || !temporary(err) {
			return addrs, err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, err
}
