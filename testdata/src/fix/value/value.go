// Package value returns the value of the first call that succeeds and keeps
// the last error for when the tries run out.
package value

import "time"

// Token is a credential with an expiry.
type Token struct {
	Value   string
	Expires time.Time
}

// Refresh asks for a new token up to five times, waiting 50ms, 100ms, 200ms
// and 400ms between the tries.
func Refresh(get func() (*Token, error)) (*Token, error) {
	var lastErr error
	for try := 0; try < 5; try++ { // want `hand-rolled retry loop`
		tok, err := get()
		if err == nil {
			return tok, nil
		}
		lastErr = err
		time.Sleep(time.Duration(1<<try) * 50 * time.Millisecond)
	}
	return nil, lastErr
}
