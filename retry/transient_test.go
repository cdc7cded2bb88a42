package retry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/retrylint/retrylint/retry"
)

type httpErr int

func (e httpErr) Error() string   { return fmt.Sprintf("api: status %d", int(e)) }
func (e httpErr) StatusCode() int { return int(e) }

func TestIsTransient(t *testing.T) {
	opErr := func(op string, errno syscall.Errno) error {
		return &net.OpError{Op: op, Net: "tcp", Err: os.NewSyscallError(op, errno)}
	}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"plain", errA, false},
		{"connection refused", opErr("dial", syscall.ECONNREFUSED), true},
		{"connection reset", opErr("read", syscall.ECONNRESET), true},
		{"broken pipe", opErr("write", syscall.EPIPE), true},
		{"wrapped reset", fmt.Errorf("query: %w", opErr("read", syscall.ECONNRESET)), true},
		{"bare errno", syscall.ECONNRESET, true},
		{"other errno", opErr("dial", syscall.EACCES), false},
		{"net timeout", &net.DNSError{Err: "timeout", IsTimeout: true}, true},
		{"dns not found", &net.DNSError{Err: "no such host", IsNotFound: true}, false},
		{"os deadline", fmt.Errorf("read: %w", os.ErrDeadlineExceeded), true},
		{"unexpected eof", fmt.Errorf("decode: %w", io.ErrUnexpectedEOF), true},
		{"eof", io.EOF, false},
		{"per-call timeout", context.DeadlineExceeded, true},
		{"canceled", context.Canceled, false},
		{"429", &retry.StatusError{StatusCode: 429}, true},
		{"502", &retry.StatusError{StatusCode: 502}, true},
		{"503 wrapped", fmt.Errorf("get: %w", &retry.StatusError{StatusCode: 503}), true},
		{"504", &retry.StatusError{StatusCode: 504}, true},
		{"500", &retry.StatusError{StatusCode: 500}, false},
		{"404", &retry.StatusError{StatusCode: 404}, false},
		{"StatusCode method 503", httpErr(503), true},
		{"StatusCode method 429 wrapped", fmt.Errorf("x: %w", httpErr(429)), true},
		{"StatusCode method 400", httpErr(400), false},
		{"says retryable", retryableErr(true), true},
		{"says temporary", temporaryErr(true), true},
		{"joined", errors.Join(errA, io.ErrUnexpectedEOF), true},
		{"permanent transient is still transient", retry.Permanent(io.ErrUnexpectedEOF), true},
	} {
		if got := retry.IsTransient(tc.err); got != tc.want {
			t.Errorf("%s: IsTransient(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}

// A permanent marker wins over the classifier: Do stops.
func TestPermanentWinsOverIsTransient(t *testing.T) {
	n, err := callsUntilStop(t, []error{retry.Permanent(io.ErrUnexpectedEOF)}, retry.RetryIf(retry.IsTransient))
	if n != 1 || err != io.ErrUnexpectedEOF {
		t.Errorf("%d calls returning %v, want 1 returning io.ErrUnexpectedEOF", n, err)
	}
}
