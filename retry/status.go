package retry

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// StatusError is an HTTP response with an error status (400 and above), made by
// CheckResponse. IsTransient says yes to 429, 502, 503 and 504, and a positive RetryAfter is
// the server-directed delay DelayOf reports.
type StatusError struct {
	StatusCode int           // the response's status code, such as 503
	RetryAfter time.Duration // from the Retry-After header; 0 when absent or unusable
	Status     string        // the response's status line, such as "503 Service Unavailable"
}

var _ error = (*StatusError)(nil)

// errNilResponse is what CheckResponse returns for a nil response.
var errNilResponse = errors.New("retry: nil http response")

// Error describes the status and the requested delay, if any.
func (e *StatusError) Error() string {
	status := e.Status
	if status == "" {
		status = strconv.Itoa(e.StatusCode)
		if text := http.StatusText(e.StatusCode); text != "" {
			status += " " + text
		}
	}
	if e.RetryAfter > 0 {
		return "retry: http status " + status + " (retry after " + e.RetryAfter.String() + ")"
	}
	return "retry: http status " + status
}

// CheckResponse returns nil for a response whose status is below 400, and a *StatusError
// (with the Retry-After delay read by RetryAfterFrom) otherwise; for a nil resp it returns an
// error. It neither reads nor closes the body: the caller still must.
//
//	resp, err := client.Do(req)
//	if err != nil {
//		return err
//	}
//	defer resp.Body.Close()
//	if err := retry.CheckResponse(resp); err != nil {
//		return err // retried when transient, after at least Retry-After
//	}
func CheckResponse(resp *http.Response) error {
	if resp == nil {
		return errNilResponse
	}
	if resp.StatusCode < 400 {
		return nil
	}
	d, _ := RetryAfterFrom(resp)
	return &StatusError{StatusCode: resp.StatusCode, RetryAfter: d, Status: resp.Status}
}
