package retry

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// After returns err carrying a server-directed delay d (for example a Retry-After header):
// the wait before the next call is then at least d, whatever the schedule says, and is still
// capped by MaxDelay and checked against ctx's deadline. The result's message is err's and
// errors.Is/As see err. After(nil, d) is nil; a d <= 0 carries no delay, so the schedule
// decides.
func After(err error, d time.Duration) error {
	if err == nil {
		return nil
	}
	return &delayedError{err: err, d: d}
}

// delayedError is an error carrying a server-directed delay.
type delayedError struct {
	err error
	d   time.Duration
}

var _ interface {
	error
	Unwrap() error
} = (*delayedError)(nil)

// Error reads like the wrapped error, so that marking an error does not change its message.
func (e *delayedError) Error() string { return e.err.Error() }

// Unwrap lets errors.Is and errors.As see the wrapped error.
func (e *delayedError) Unwrap() error { return e.err }

// DelayOf returns the server-directed delay err carries: from After, or the RetryAfter of a
// *StatusError, whichever comes first in the chain. It reports false when there is none or it
// is not positive.
func DelayOf(err error) (time.Duration, bool) {
	for err != nil {
		switch e := err.(type) {
		case *delayedError:
			return positive(e.d)
		case *StatusError:
			return positive(e.RetryAfter)
		case interface{ Unwrap() error }:
			err = e.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				if d, ok := DelayOf(inner); ok {
					return d, true
				}
			}
			return 0, false
		default:
			return 0, false
		}
	}
	return 0, false
}

// ParseRetryAfter parses a Retry-After header value, h: either a number of seconds (digits
// only, RFC 9110) or an HTTP-date, which is turned into a delay from now. It reports false for
// an empty, negative, fractional or unparsable value, so that a bad header gives no delay and
// never a panic. A date in the past gives (0, true): retry now. A number of seconds too large
// for a time.Duration saturates at the largest one (about 292 years); cap it with MaxDelay.
func ParseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if isDigits(h) {
		secs, err := strconv.ParseUint(h, 10, 64)
		if err != nil || secs > uint64(maxDuration/time.Second) {
			return maxDuration, true // only digits, so the only failure is a range error
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(h)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// positive returns (d, true) for a positive d and (0, false) otherwise.
func positive(d time.Duration) (time.Duration, bool) {
	if d > 0 {
		return d, true
	}
	return 0, false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// RetryAfterFrom reads the Retry-After header of resp (see ParseRetryAfter). An HTTP-date is
// measured from the response's Date header when it has a valid one, so that a skewed local
// clock does not matter, and from time.Now otherwise. It reports false when resp is nil or has
// no usable header.
func RetryAfterFrom(resp *http.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	now := time.Now()
	if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		now = date
	}
	return ParseRetryAfter(resp.Header.Get("Retry-After"), now)
}
