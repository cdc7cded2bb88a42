package chat

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// timeoutError is what an HTTP client returns when a request runs out of time.
type timeoutError struct{}

func (timeoutError) Error() string   { return "request timed out" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// fakeServer answers with the scripted errors in turn, then with a reply, and
// records when each request was made.
type fakeServer struct {
	start time.Time
	errs  []error
	calls []time.Duration
}

func (s *fakeServer) Do(req *http.Request) (*http.Response, error) {
	s.calls = append(s.calls, time.Since(s.start))
	if n := len(s.calls); n <= len(s.errs) {
		return nil, s.errs[n-1]
	}
	body := `{"message":{"role":"assistant","content":"hi there"}}`
	return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Body: io.NopCloser(strings.NewReader(body))}, nil
}

func TestReply(t *testing.T) {
	refused := errors.New("connection refused")
	timeout := error(timeoutError{})
	tests := []struct {
		name      string
		errs      []error
		want      string
		wantErr   func(error) bool
		wantCalls []time.Duration
	}{
		{"answers at once", nil, "hi there", isNil, []time.Duration{0}},
		{"answers after two timeouts", []error{timeout, timeout}, "hi there", isNil,
			[]time.Duration{0, time.Second, 3 * time.Second}},
		{"gives up after three timeouts", []error{timeout, timeout, timeout}, "",
			func(err error) bool {
				return errors.Is(err, timeout) && err.Error() == "chat: model did not answer after 3 attempts: request timed out"
			},
			[]time.Duration{0, time.Second, 3 * time.Second}},
		{"does not retry a refused connection", []error{timeout, refused}, "",
			func(err error) bool { return err == refused },
			[]time.Duration{0, time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				server := &fakeServer{start: time.Now(), errs: tt.errs}
				c := NewClient(server, "http://localhost:11434", "llama", 3)

				got, err := c.Reply(context.Background(), []Message{{Role: "user", Content: "hello"}}, 64)

				if !tt.wantErr(err) {
					t.Errorf("err = %v", err)
				}
				if got.Content != tt.want {
					t.Errorf("reply = %q, want %q", got.Content, tt.want)
				}
				if !slices.Equal(server.calls, tt.wantCalls) {
					t.Errorf("calls at %v, want %v", server.calls, tt.wantCalls)
				}
				if elapsed := time.Since(server.start); elapsed != tt.wantCalls[len(tt.wantCalls)-1] {
					t.Errorf("returned after %v, want right after the last call", elapsed)
				}
			})
		})
	}
}

func isNil(err error) bool { return err == nil }
