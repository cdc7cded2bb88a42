package refuse

import "time"

// lockClient takes named leases from a lock service.
type lockClient struct {
	acquire func(name string) (token string, ttl time.Duration, err error)
}

// A lease comes with a token and its lifetime besides the error; the closure
// of retry.DoValue returns one value.
func (l *lockClient) lease(name string) (string, time.Duration, error) {
	var (
		token string
		ttl   time.Duration
		err   error
	)
	for i := 0; i < 3; i++ { // want `no automatic fix: the operation returns more than one value besides its error$`
		if token, ttl, err = l.acquire(name); err == nil {
			return token, ttl, nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return "", 0, err
}
