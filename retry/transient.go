package retry

import (
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
)

// IsTransient reports whether err is one of the usual passing failures, worth retrying:
//
//   - a network timeout: a net.Error in the chain whose Timeout() is true;
//   - a connection reset or refused, or a broken pipe: syscall.ECONNRESET, ECONNREFUSED or
//     EPIPE in the chain (as inside *net.OpError);
//   - io.ErrUnexpectedEOF (a connection closed in the middle of a message);
//   - HTTP 429, 502, 503 or 504: a *StatusError, or any error in the chain with a
//     StatusCode() int method;
//   - anything IsRetryable says yes to, which includes context.DeadlineExceeded returned by
//     the operation: a per-call timeout is transient, while the end of Do's own ctx is noticed
//     by Do between calls and ends the retries.
//
// context.Canceled, io.EOF and nil are not transient. Use it with RetryIf.
func IsTransient(err error) bool {
	if err == nil {
		return false
	}
	if ne, ok := asType[net.Error](err); ok && ne.Timeout() {
		return true
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	if se, ok := asType[*StatusError](err); ok && transientStatus(se.StatusCode) {
		return true
	}
	if sc, ok := asType[statusCoder](err); ok && transientStatus(sc.StatusCode()) {
		return true
	}
	return IsRetryable(err)
}

// transientStatus reports whether an HTTP status says "try again later".
func transientStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable,
		http.StatusGatewayTimeout:
		return true
	}
	return false
}

// statusCoder is an error that knows its HTTP status, as many API clients' errors do.
type statusCoder interface {
	error
	StatusCode() int
}
