package retry_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// pipeListener is a net.Listener whose connections are in-memory pipes (net.Pipe), so that an
// httptest server and the client calling it both run inside a synctest bubble, on fake time:
// a goroutine blocked on a pipe is durably blocked, unlike one blocked on a socket.
type pipeListener struct {
	conns  chan net.Conn
	closed chan struct{}
	once   sync.Once
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.once.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr{} }

// dial connects to the listener, for http.Transport.DialContext.
func (l *pipeListener) dial(ctx context.Context, _, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, net.ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "server.test:80" }

// fakeServer is an httptest server on fake time: it answers with handler and records the
// requests it got. Make it inside a synctest bubble; it closes itself when the test ends.
type fakeServer struct {
	*httptest.Server
	start  time.Time
	mu     sync.Mutex
	hits   []time.Duration
	bodies []string
	base   *tracedTransport // the client's base transport, which records the responses
}

func newFakeServer(t *testing.T, handler func(n int, w http.ResponseWriter, r *http.Request)) *fakeServer {
	l := &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
	fs := &fakeServer{start: time.Now()}
	fs.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fs.mu.Lock()
		fs.hits = append(fs.hits, time.Since(fs.start))
		fs.bodies = append(fs.bodies, string(body))
		n := len(fs.hits)
		fs.mu.Unlock()
		handler(n, w, r)
	}))
	fs.Listener = l
	fs.Start()
	fs.base = &tracedTransport{base: &http.Transport{DialContext: l.dial}}
	t.Cleanup(func() {
		fs.base.base.(*http.Transport).CloseIdleConnections()
		fs.Close()
	})
	return fs
}

// client returns a client whose retry.Transport has p and reaches the server.
func (fs *fakeServer) client(p *retry.Policy) *http.Client {
	return &http.Client{Transport: &retry.Transport{Base: fs.base, Policy: p}}
}

// tracedTransport records the bodies of the responses its base returns: how much of each was
// read and whether it was closed.
type tracedTransport struct {
	base   http.RoundTripper
	mu     sync.Mutex
	bodies []*tracedBody
}

func (t *tracedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err == nil {
		b := &tracedBody{ReadCloser: resp.Body}
		resp.Body = b
		t.mu.Lock()
		t.bodies = append(t.bodies, b)
		t.mu.Unlock()
	}
	return resp, err
}

type tracedBody struct {
	io.ReadCloser
	read   int
	eof    bool
	closed bool
}

func (b *tracedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.read += n
	b.eof = b.eof || err == io.EOF
	return n, err
}

func (b *tracedBody) Close() error { b.closed = true; return b.ReadCloser.Close() }

// discarded checks that the first n response bodies were read to the end and closed, and that
// the others are still open and unread. Call it before reading the response returned.
func (fs *fakeServer) discarded(t *testing.T, n int) {
	t.Helper()
	for i, b := range fs.base.bodies {
		switch {
		case i < n && (!b.eof || !b.closed):
			t.Errorf("response %d: drained %v, closed %v; want both", i+1, b.eof, b.closed)
		case i >= n && (b.closed || b.read > 0):
			t.Errorf("response %d was read or closed; want it returned as it came", i+1)
		}
	}
}

func get(t *testing.T, ctx context.Context, c *http.Client, method string, body io.Reader, header ...string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, "http://server.test/", body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header[header[i]] = []string{header[i+1]}
	}
	return c.Do(req)
}

// readAll reads and closes resp's body.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return string(b)
}

// busyThenOK answers 503 with Retry-After: after for the first fails requests, then 200.
func busyThenOK(fails int, after string) func(int, http.ResponseWriter, *http.Request) {
	return func(n int, w http.ResponseWriter, r *http.Request) {
		if n <= fails {
			if after != "" {
				w.Header().Set("Retry-After", after)
			}
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "busy %d", n)
			return
		}
		fmt.Fprintf(w, "ok %d", n)
	}
}

func TestTransportRetriesWithRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, busyThenOK(2, "2"))
		resp, err := get(t, t.Context(), fs.client(retry.New(retry.Constant(100*time.Millisecond))), http.MethodGet, nil)
		if err != nil {
			t.Fatal(err)
		}
		fs.discarded(t, 2)
		if body := readAll(t, resp); resp.StatusCode != 200 || body != "ok 3" {
			t.Errorf("got %d %q, want 200 ok 3", resp.StatusCode, body)
		}
		// The waits are the server's 2s, not the schedule's 100ms.
		if want := at(0, 2, 4); !slices.Equal(fs.hits, want) {
			t.Errorf("requests at %v, want %v", fs.hits, want)
		}
	})
}

func TestTransportReplaysBodies(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, busyThenOK(2, "0"))
		c := fs.client(retry.New(retry.NoDelay()))
		// http.NewRequest sets GetBody for a *bytes.Reader, so the body can be sent again.
		resp, err := get(t, t.Context(), c, http.MethodPut, bytes.NewReader([]byte("payload")), "Idempotency-Key", "k1")
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, resp)
		if len(fs.bodies) != 3 || fs.bodies[0] != "payload" || fs.bodies[2] != "payload" {
			t.Errorf("the server got bodies %q, want payload three times", fs.bodies)
		}
	})
}

// A body that cannot be sent again gets one attempt, and its response comes back as it is.
func TestTransportBodyWithoutGetBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, busyThenOK(5, "0"))
		c := fs.client(retry.New(retry.NoDelay()))
		resp, err := get(t, t.Context(), c, http.MethodGet, io.NopCloser(strings.NewReader("once")))
		if err != nil {
			t.Fatal(err)
		}
		if body := readAll(t, resp); resp.StatusCode != 503 || body != "busy 1" || len(fs.hits) != 1 {
			t.Errorf("%d requests, got %d %q; want one request and its 503", len(fs.hits), resp.StatusCode, body)
		}
	})
}

func TestTransportIdempotency(t *testing.T) {
	for _, tc := range []struct {
		name     string
		method   string
		header   []string
		custom   func(*http.Request) bool
		requests int
	}{
		{"GET", http.MethodGet, nil, nil, 3},
		{"HEAD", http.MethodHead, nil, nil, 3},
		{"POST", http.MethodPost, nil, nil, 1},
		{"PATCH", http.MethodPatch, nil, nil, 1},
		{"DELETE is not retried by net/http's rule", http.MethodDelete, nil, nil, 1},
		{"POST with Idempotency-Key", http.MethodPost, []string{"Idempotency-Key", "k"}, nil, 3},
		{"POST with X-Idempotency-Key", http.MethodPost, []string{"X-Idempotency-Key", "k"}, nil, 3},
		{"custom rule says yes", http.MethodDelete, nil, func(r *http.Request) bool { return r.Method == http.MethodDelete }, 3},
		{"custom rule says no", http.MethodGet, nil, func(*http.Request) bool { return false }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fs := newFakeServer(t, busyThenOK(10, "0"))
				c := &http.Client{Transport: &retry.Transport{Base: fs.base, Policy: retry.New(retry.NoDelay()), Idempotent: tc.custom}}
				resp, err := get(t, t.Context(), c, tc.method, strings.NewReader("b"), tc.header...)
				if err != nil {
					t.Fatal(err)
				}
				fs.discarded(t, tc.requests-1)
				readAll(t, resp)
				if len(fs.hits) != tc.requests || resp.StatusCode != 503 {
					t.Errorf("%d requests, status %d; want %d and the last 503", len(fs.hits), resp.StatusCode, tc.requests)
				}
			})
		})
	}
}

// When the tries run out, the last response comes back as the server sent it, not an error.
func TestTransportReturnsLastResponse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, busyThenOK(10, ""))
		var o retry.Outcome
		c := fs.client(retry.New(retry.Constant(time.Second), retry.OnDone(func(x retry.Outcome) { o = x })))
		resp, err := get(t, t.Context(), c, http.MethodGet, nil)
		if err != nil {
			t.Fatalf("RoundTrip error %v, want the last response", err)
		}
		fs.discarded(t, 2)
		if body := readAll(t, resp); resp.StatusCode != 503 || body != "busy 3" {
			t.Errorf("got %d %q, want 503 busy 3", resp.StatusCode, body)
		}
		var se *retry.StatusError
		if o.Reason != retry.StopExhausted || !errors.As(o.Err, &se) || se.StatusCode != 503 {
			t.Errorf("outcome %+v, want exhausted with a *StatusError", o)
		}
	})
}

// Statuses that IsTransient does not retry come back at once; classifiers change that.
func TestTransportClassification(t *testing.T) {
	for _, tc := range []struct {
		status   int
		opts     []retry.Option
		requests int
	}{
		{http.StatusNotFound, nil, 1},
		{http.StatusInternalServerError, nil, 1},
		{http.StatusTooManyRequests, nil, 3},
		{http.StatusBadGateway, nil, 3},
		{http.StatusInternalServerError, []retry.Option{retry.RetryIf(func(err error) bool {
			var se *retry.StatusError
			return errors.As(err, &se) && se.StatusCode >= 500
		})}, 3},
		{http.StatusServiceUnavailable, []retry.Option{retry.StopIf(func(error) bool { return true })}, 1},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fs := newFakeServer(t, func(n int, w http.ResponseWriter, r *http.Request) { w.WriteHeader(tc.status) })
				resp, err := get(t, t.Context(), fs.client(retry.New(append(tc.opts, retry.NoDelay())...)), http.MethodGet, nil)
				if err != nil {
					t.Fatal(err)
				}
				readAll(t, resp)
				if len(fs.hits) != tc.requests || resp.StatusCode != tc.status {
					t.Errorf("%d requests, status %d; want %d, %d", len(fs.hits), resp.StatusCode, tc.requests, tc.status)
				}
			})
		})
	}
}

// errTransport fails every round trip with err and counts them.
type errTransport struct {
	err   error
	calls int
}

func (e *errTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	e.calls++
	if r.Body != nil {
		r.Body.Close()
	}
	return nil, e.err
}

// A transport error is retried when IsTransient says so, and the last one comes back.
func TestTransportErrors(t *testing.T) {
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	for _, tc := range []struct {
		err   error
		calls int
	}{{reset, 3}, {errors.New("tls: bad certificate"), 1}} {
		synctest.Test(t, func(t *testing.T) {
			base := &errTransport{err: tc.err}
			tr := &retry.Transport{Base: base, Policy: retry.New(retry.Constant(time.Second))}
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, "http://server.test/", nil)
			resp, err := tr.RoundTrip(req)
			if resp != nil || err != tc.err || base.calls != tc.calls {
				t.Errorf("RoundTrip = %v, %v after %d calls; want the error itself after %d", resp, err, base.calls, tc.calls)
			}
		})
	}
}

// When ctx ends during a wait, the response it replaced is already discarded: an error.
func TestTransportCanceledDuringWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, busyThenOK(10, "10"))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(time.Second, cancel)
		resp, err := get(t, ctx, fs.client(nil), http.MethodGet, nil)
		if resp != nil || !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, %v; want an error matching context.Canceled", resp, err)
		}
		fs.discarded(t, 1)
	})
}

// A wait that would outlast ctx's deadline is not started, and the response is returned.
func TestTransportDeadlineKeepsResponse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, busyThenOK(10, "10"))
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		resp, err := get(t, ctx, fs.client(nil), http.MethodGet, nil)
		if err != nil {
			t.Fatal(err)
		}
		if body := readAll(t, resp); body != "busy 1" || len(fs.hits) != 1 {
			t.Errorf("got %q after %d requests, want the first 503", body, len(fs.hits))
		}
	})
}

// AttemptTimeout cuts a hung request short and retries; the body of the response returned is
// read under its attempt's ctx, which ends only when the body is closed.
func TestTransportAttemptTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				<-r.Context().Done() // hangs until the client gives up
				return
			}
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			time.Sleep(500 * time.Millisecond) // the body comes later
			io.WriteString(w, "late body")
		})
		c := fs.client(retry.New(retry.Constant(100*time.Millisecond), retry.AttemptTimeout(time.Second)))
		resp, err := get(t, t.Context(), c, http.MethodGet, nil)
		if err != nil {
			t.Fatal(err)
		}
		if body := readAll(t, resp); body != "late body" {
			t.Errorf("body %q, want late body", body)
		}
		if want := at(0, 1.1); !slices.Equal(fs.hits, want) {
			t.Errorf("requests at %v, want %v", fs.hits, want)
		}
	})
}

// A shared budget stops the retries of a storm; the last response comes back.
func TestTransportBudget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fs := newFakeServer(t, busyThenOK(100, "0"))
		b := retry.NewBudget(retry.BudgetConfig{Max: 2})
		c := fs.client(retry.New(retry.NoDelay(), retry.Attempts(5), retry.WithBudget(b)))
		for range 3 {
			resp, err := get(t, t.Context(), c, http.MethodGet, nil)
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
		}
		// 3 first requests and the budget's 2 retries.
		if st := b.Stats(); len(fs.hits) != 5 || st.Retries != 2 || st.Refused != 3 {
			t.Errorf("%d requests, budget %+v", len(fs.hits), st)
		}
	})
}

// The transport also works over a real loopback connection (no waits here, so no fake time).
func TestTransportRealServer(t *testing.T) {
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		k := n
		mu.Unlock()
		busyThenOK(1, "0")(k, w, r)
	}))
	defer srv.Close()
	tr := &retry.Transport{Base: srv.Client().Transport, Policy: retry.New(retry.NoDelay())}
	c := &http.Client{Transport: tr}
	defer c.CloseIdleConnections()
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); body != "ok 2" {
		t.Errorf("body %q, want ok 2", body)
	}
}
