package retry_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestCheckResponse(t *testing.T) {
	resp := func(code int, retryAfter string) *http.Response {
		r := &http.Response{StatusCode: code, Status: http.StatusText(code), Header: http.Header{}}
		if code != 0 {
			r.Status = http.StatusText(code)
		}
		if retryAfter != "" {
			r.Header.Set("Retry-After", retryAfter)
		}
		return r
	}
	for _, code := range []int{200, 204, 301, 304, 399} {
		if err := retry.CheckResponse(resp(code, "5")); err != nil {
			t.Errorf("CheckResponse(%d) = %v, want nil", code, err)
		}
	}
	r := resp(503, "5")
	r.Status = "503 Service Unavailable"
	err := retry.CheckResponse(r)
	var se *retry.StatusError
	if !errors.As(err, &se) || se.StatusCode != 503 || se.RetryAfter != 5*time.Second || se.Status != "503 Service Unavailable" {
		t.Fatalf("CheckResponse(503) = %#v", err)
	}
	if want := "retry: http status 503 Service Unavailable (retry after 5s)"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if d, ok := retry.DelayOf(err); !ok || d != 5*time.Second {
		t.Errorf("DelayOf = %v, %v, want 5s", d, ok)
	}
	if !retry.IsTransient(err) {
		t.Error("503 is not transient")
	}
	err = retry.CheckResponse(resp(404, "garbage"))
	if !errors.As(err, &se) || se.RetryAfter != 0 || retry.IsTransient(err) {
		t.Errorf("CheckResponse(404) = %#v, want a non-transient StatusError with no delay", err)
	}
	if err := retry.CheckResponse(nil); err == nil || err.Error() != "retry: nil http response" {
		t.Errorf("CheckResponse(nil) = %v", err)
	}
}

func TestStatusErrorText(t *testing.T) {
	for _, tc := range []struct {
		e    retry.StatusError
		want string
	}{
		{retry.StatusError{StatusCode: 429}, "retry: http status 429 Too Many Requests"},
		{retry.StatusError{StatusCode: 599}, "retry: http status 599"},
		{retry.StatusError{StatusCode: 502, Status: "502 Bad Gateway", RetryAfter: time.Minute}, "retry: http status 502 Bad Gateway (retry after 1m0s)"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}
