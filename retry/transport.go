package retry

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// Transport is an http.RoundTripper that retries requests the way HTTP wants it:
//
//   - only requests that may be sent twice: by default those net/http itself treats as
//     idempotent (GET, HEAD, OPTIONS and TRACE, or any method with an Idempotency-Key or
//     X-Idempotency-Key header); Idempotent changes that rule;
//   - only when the body can be sent again: a request with a body is retried only if it has
//     GetBody (http.NewRequest sets it for in-memory bodies), which gives each retry a fresh
//     body; otherwise it gets one attempt;
//   - a response it does not return (one it retries) has its body drained (up to 4 KiB, so
//     that the connection can be reused) and closed before the wait;
//   - the wait is at least the response's Retry-After (CheckResponse, DelayOf), capped by
//     MaxDelay and never started past the request ctx's deadline;
//   - when it stops, it returns the last response as it came, body unread, rather than an
//     error: the caller sees the 503 the server sent. Only a transport error of the last call,
//     or ctx ending during a wait (after that response was discarded), gives an error.
//
// Everything else is the Policy's: attempts, schedule, jitter, MaxElapsed, AttemptTimeout
// (which also bounds the reading of the body of the response returned), WithBudget, hooks and
// the logger. A response with a status of 400 or more is a *StatusError to the classifiers and
// hooks; without retry predicates, IsTransient decides (network failures and timeouts, 429,
// 502, 503, 504), and StopIf/StopOn apply as in Do. The request's ctx is the ctx of Do.
//
// A Transport is safe for concurrent use, as its Base and Policy are.
type Transport struct {
	// Base makes each attempt; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Policy says how to retry; nil means the default policy (3 calls, 500ms then 1s apart).
	Policy *Policy
	// Idempotent says whether a request may be sent more than once; nil means the rule of
	// net/http described above. The body rule applies either way.
	Idempotent func(*http.Request) bool
}

var _ http.RoundTripper = (*Transport)(nil)

// drainLimit is how much of a discarded response body is read so that its connection can be
// reused; a longer body is closed unread, which costs the connection instead.
const drainLimit = 4 << 10

// RoundTrip sends req, retrying as the Transport's documentation says. Like any RoundTripper
// it does not change req: each retry sends a shallow copy with a fresh body.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.Policy.config()
	if c.retryIf == nil {
		c.retryIf = IsTransient
	}
	if !t.replayable(req) {
		c.attempts = 1
	}
	rt := &roundTrip{req: req, base: t.Base}
	if rt.base == nil {
		rt.base = http.DefaultTransport
	}
	c.rt = rt
	err := c.run(req.Context(), rt.attempt, nil, false)
	if rt.resp != nil {
		return rt.response(), nil
	}
	return nil, err
}

// CloseIdleConnections closes the idle connections of Base, when it has such a method (as
// *http.Transport does), so that http.Client.CloseIdleConnections reaches through.
func (t *Transport) CloseIdleConnections() {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	if ci, ok := base.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// replayable reports whether req may be sent more than once.
func (t *Transport) replayable(req *http.Request) bool {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return false
	}
	if t.Idempotent != nil {
		return t.Idempotent(req)
	}
	switch req.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	// As net/http: the key's presence counts, even with no value (then it is not sent).
	_, key := req.Header["Idempotency-Key"]
	_, xkey := req.Header["X-Idempotency-Key"]
	return key || xkey
}

// roundTrip is one RoundTrip of a Transport: the request, and the response of the last call
// while it may still be returned.
type roundTrip struct {
	req    *http.Request
	base   http.RoundTripper
	calls  int
	resp   *http.Response
	cancel context.CancelFunc // ends the ctx of resp's call (AttemptTimeout)
}

// attempt is the operation the retry loop calls: one round trip of req under ctx. A response
// with a status of 400 or more is returned as a *StatusError, which the classifiers judge.
func (rt *roundTrip) attempt(ctx context.Context) error {
	r := rt.req
	if rt.calls > 0 && r.Body != nil && r.Body != http.NoBody {
		body, err := r.GetBody()
		if err != nil {
			return Permanent(fmt.Errorf("retry: cannot send the request body again: %w", err))
		}
		r = r.WithContext(ctx)
		r.Body = body
	} else if ctx != r.Context() {
		r = r.WithContext(ctx)
	}
	rt.calls++
	resp, err := rt.base.RoundTrip(r)
	if err != nil {
		return err
	}
	rt.resp = resp
	return CheckResponse(resp)
}

// keep takes the cancel function of the ctx of the call that just returned: the body of its
// response, if there is one, is read under that ctx, so it ends only when the response is
// discarded or its body closed.
func (rt *roundTrip) keep(cancel context.CancelFunc) {
	if rt.resp == nil {
		cancel()
		return
	}
	rt.cancel = cancel
}

// discard drains and closes the response of the last call, which a retry replaces.
func (rt *roundTrip) discard() {
	if rt.resp == nil {
		return
	}
	io.CopyN(io.Discard, rt.resp.Body, drainLimit)
	rt.resp.Body.Close()
	if rt.cancel != nil {
		rt.cancel()
	}
	rt.resp, rt.cancel = nil, nil
}

// response returns the last response, whose body ends the ctx of its call when closed.
func (rt *roundTrip) response() *http.Response {
	if rt.cancel != nil {
		rt.resp.Body = &cancelBody{ReadCloser: rt.resp.Body, cancel: rt.cancel}
	}
	return rt.resp
}

// cancelBody is a response body whose Close also ends the ctx it is read under.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

// Close closes the body, then ends its ctx.
func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
