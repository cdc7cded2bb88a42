// Package harness runs a function that retries against a scripted sequence of
// results on fake time, and records what it did: when each call was made, what
// it logged, what it returned. The equivalence tests run the original loop and
// its rewrite against the same scripts and compare the two records.
package harness

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Err is a scripted error. Temporary and Retryable say whether another try may
// succeed, so fixtures can classify it through an interface, the way real code
// classifies the errors of the clients it calls.
type Err struct {
	Name string
	Temp bool
}

func (e *Err) Error() string   { return e.Name }
func (e *Err) Temporary() bool { return e.Temp }
func (e *Err) Retryable() bool { return e.Temp }

// The scripted errors. Each is a distinct pointer, so identity is observable.
var (
	T1 = &Err{Name: "temporary 1", Temp: true}
	T2 = &Err{Name: "temporary 2", Temp: true}
	T3 = &Err{Name: "temporary 3", Temp: true}
	T4 = &Err{Name: "temporary 4", Temp: true}
	T5 = &Err{Name: "temporary 5", Temp: true}
	T6 = &Err{Name: "temporary 6", Temp: true}
	T7 = &Err{Name: "temporary 7", Temp: true}
	T8 = &Err{Name: "temporary 8", Temp: true}
	F1 = &Err{Name: "fatal 1", Temp: false}

	// Cause is what a context cancelled with a cause carries.
	Cause = errors.New("cancelled by a sibling")

	known = []error{T1, T2, T3, T4, T5, T6, T7, T8, F1, Cause, context.Canceled, context.DeadlineExceeded}
)

// Always is a script of only temporary errors, longer than any fixture's limit.
var Always = []error{T1, T2, T3, T4, T5, T6, T7, T8, T1, T2, T3, T4, T5, T6, T7, T8}

// Script is one scenario: the result of each call in turn (nil for success;
// calls past the end succeed), and what happens to the context.
type Script struct {
	Name    string
	Results []error
	// CancelAt cancels the context at that time since the start (0: never).
	CancelAt time.Duration
	// WithCause cancels it with Cause instead of without a cause.
	WithCause bool
	// Deadline gives the context a deadline that far from the start (0: none).
	Deadline time.Duration
	// Precancelled cancels the context before the function runs.
	Precancelled bool
	// CallTime is how long each call takes.
	CallTime time.Duration
	// StopAt is when the stop signal of OnStop and Stop comes, since the
	// start: 0 never, below 0 before the function runs.
	StopAt time.Duration
}

// H is handed to the function under test: its methods are the operation, the
// logger, the metrics and the random source the fixture calls.
type H struct {
	T      testing.TB
	Ctx    context.Context
	start  time.Time
	script Script
	mu     sync.Mutex
	calls  int
	rnd    int
	events []Event
	stops  []*time.Timer
}

// OnStop runs f when the script's stop signal comes (see Script.StopAt): at
// once when it came before the start, never when the script has none. A
// fixture's stop channel is fed from it.
func (h *H) OnStop(f func()) {
	switch at := h.script.StopAt; {
	case at < 0:
		f()
	case at > 0:
		h.stops = append(h.stops, time.AfterFunc(at-time.Since(h.start), f))
	}
}

// Stop returns a channel that is closed when the script's stop signal comes.
func (h *H) Stop() <-chan struct{} {
	ch := make(chan struct{})
	h.OnStop(func() { close(ch) })
	return ch
}

// Event is one thing the function did, at a time since the start.
type Event struct {
	At   time.Duration
	What string
}

func (e Event) String() string { return fmt.Sprintf("%v %s", e.At, e.What) }

func (h *H) record(format string, args ...any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, Event{time.Since(h.start), fmt.Sprintf(format, args...)})
}

// Calls is how many times the operation ran.
func (h *H) Calls() int { return h.calls }

func (h *H) next() error {
	h.calls++
	n := h.calls
	if n > 50 {
		h.T.Fatalf("more than 50 calls: the loop does not stop")
	}
	var err error
	if n <= len(h.script.Results) {
		err = h.script.Results[n-1]
	}
	if h.script.CallTime > 0 {
		time.Sleep(h.script.CallTime)
	}
	h.record("call %d -> %s", n, Describe(err))
	return err
}

// Body returns a reader of s that records when it is closed.
func (h *H) Body(s string) io.ReadCloser { return &body{Reader: strings.NewReader(s), h: h} }

type body struct {
	io.Reader
	h *H
}

func (b *body) Close() error {
	b.h.record("close")
	return nil
}

// Op is an operation that returns only an error.
func (h *H) Op() error { return h.next() }

// OpCtx is an operation that takes a context; it records whether the context
// had ended when it was called, and whether it was the caller's.
func (h *H) OpCtx(ctx context.Context) error {
	h.record("ctx err %v, caller's ctx %v", ctx.Err(), ctx == h.Ctx)
	return h.next()
}

// Value is an operation that returns a value with its error; the value is
// "v" and the call number, also on failure.
func (h *H) Value() (string, error) {
	err := h.next()
	return fmt.Sprintf("v%d", h.calls), err
}

// Logf records a log line.
func (h *H) Logf(format string, args ...any) { h.record("log "+format, args...) }

// TB is a testing.TB for a fixture that logs to its test and ends it:
// Logf is recorded, and Fatal is recorded and then panics with ErrFatalTB,
// where the real one stops the test, so that the case can recover and
// compare what happened until then.
func (h *H) TB() testing.TB { return &fakeTB{TB: h.T, h: h} }

// ErrFatalTB is what the testing.TB of TB panics with when Fatal is called.
var ErrFatalTB = errors.New("harness: Fatal called")

type fakeTB struct {
	testing.TB
	h *H
}

func (t *fakeTB) Logf(format string, args ...any) { t.h.record("log "+format, args...) }

func (t *fakeTB) Fatal(args ...any) {
	t.h.record("fatal %s", fmt.Sprint(args...))
	panic(ErrFatalTB)
}

// Count records a metric.
func (h *H) Count(name string) { h.record("count %s", name) }

// Rand returns a deterministic sequence in [0, 1) and records each draw.
func (h *H) Rand() float64 {
	h.rnd++
	v := float64((h.rnd*37)%100) / 100
	h.record("rand %d = %v", h.rnd, v)
	return v
}

// Return records what the function returned.
func (h *H) Return(vals ...any) {
	var parts []string
	for _, v := range vals {
		if err, ok := v.(error); ok || v == nil {
			parts = append(parts, Describe(err))
			continue
		}
		parts = append(parts, fmt.Sprintf("%#v", v))
	}
	h.record("return %s", strings.Join(parts, ", "))
}

// Describe names an error by identity when it is a known value, and otherwise
// by its type, text and the known values errors.Is finds in it.
func Describe(err error) string {
	if err == nil {
		return "nil"
	}
	for _, k := range known {
		if err == k {
			return "identical(" + k.Error() + ")"
		}
	}
	var is []string
	for _, k := range known {
		if errors.Is(err, k) {
			is = append(is, k.Error())
		}
	}
	return fmt.Sprintf("%T(%q) is %v", err, err.Error(), is)
}

// Record is what one run did.
type Record struct {
	Events []Event
	Calls  int
}

// Run runs fn on fake time against script and returns the record.
func Run(t *testing.T, script Script, fn func(h *H)) Record {
	var rec Record
	t.Run("run", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h := &H{T: t, start: time.Now(), script: script}
			ctx := context.Background()
			var cancel context.CancelCauseFunc
			ctx, cancel = context.WithCancelCause(ctx)
			defer cancel(nil)
			if script.Deadline > 0 {
				var stop context.CancelFunc
				ctx, stop = context.WithTimeout(ctx, script.Deadline)
				defer stop()
			}
			if script.Precancelled {
				cancel(nil)
			}
			if script.CancelAt > 0 {
				timer := time.AfterFunc(script.CancelAt, func() {
					if script.WithCause {
						cancel(Cause)
					} else {
						cancel(nil)
					}
				})
				defer timer.Stop()
			}
			h.Ctx = ctx
			fn(h)
			for _, t := range h.stops {
				t.Stop()
			}
			rec = Record{Events: h.events, Calls: h.calls}
		})
	})
	return rec
}

// Changes are the deliberate differences a fix may make, as named in its
// message and in docs/fixes.md.
type Changes struct {
	// FinalSleep: the pause after the final attempt is dropped, so the rewrite
	// returns right after its last event instead of after that pause.
	FinalSleep bool
	// Deadline: the rewrite gives up at once when the next wait would outlast
	// ctx's deadline, returning what the loop returned at the deadline.
	Deadline bool
}

// Compare fails t when fixed did not do what orig did, beyond changes.
func Compare(t *testing.T, orig, fixed Record, changes Changes) {
	t.Helper()
	o, f := orig.Events, fixed.Events
	if len(o) == 0 || len(f) == 0 {
		t.Fatalf("a run recorded nothing: orig %v, fixed %v", o, f)
	}
	oRet, fRet := o[len(o)-1], f[len(f)-1]
	if !strings.HasPrefix(oRet.What, "return ") || !strings.HasPrefix(fRet.What, "return ") {
		t.Fatalf("a run did not return: orig %v, fixed %v", o, f)
	}
	same := slices.Equal(o, f)
	if !same && changes.FinalSleep {
		// The pause after the last attempt is not computed either: random
		// draws for it are not made.
		for len(o) > 1 && strings.HasPrefix(o[len(o)-2].What, "rand ") && len(o) > len(f) {
			o = append(o[:len(o)-2:len(o)-2], o[len(o)-1])
		}
	}
	if !same && (changes.FinalSleep || changes.Deadline) && droppedPause(o, f) {
		// The only difference allowed: from some event on, the rewrite did
		// everything the same amount of time earlier, having skipped the
		// pause right before that event.
		same = true
	}
	if !same {
		t.Errorf("the rewrite behaves differently\noriginal:\n%s\nrewrite:\n%s", lines(o), lines(f))
	}
}

// droppedPause reports whether f is o with one pause taken out: the same
// events, at the same times up to some event j, which f reaches with no wait
// after event j-1, and every later event shifted earlier by the same amount.
func droppedPause(o, f []Event) bool {
	if len(o) != len(f) {
		return false
	}
	j := -1
	for i := range o {
		if o[i].What != f[i].What {
			return false
		}
		if j < 0 && o[i].At != f[i].At {
			j = i
		}
	}
	if j <= 0 {
		return false
	}
	shift := o[j].At - f[j].At
	if shift <= 0 || f[j].At != f[j-1].At {
		return false
	}
	for i := j; i < len(o); i++ {
		if o[i].At-f[i].At != shift {
			return false
		}
	}
	return true
}

func lines(evs []Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "\t%s\n", e)
	}
	return b.String()
}

// CallTimes returns when each call was made in a record.
func CallTimes(r Record) []time.Duration {
	var out []time.Duration
	for _, e := range r.Events {
		if strings.HasPrefix(e.What, "call ") {
			out = append(out, e.At)
		}
	}
	return out
}

// Case is one fixture: the same call of the original function and of its
// rewrite.
type Case struct {
	Orig, Fixed func(h *H)
	// Ctx says the function is given h.Ctx: the context scenarios run too.
	Ctx bool
	// Stop says the function listens to a stop channel fed by h.OnStop or
	// h.Stop: the stop scenarios run too.
	Stop bool
	// Changes are the deliberate differences the fix names.
	Changes Changes
}

// Check runs both functions against every scenario and compares the records.
func Check(t *testing.T, c Case) {
	scripts := []Script{
		{Name: "succeeds at once"},
		{Name: "fails once", Results: []error{T1}},
		{Name: "fails twice", Results: []error{T1, T2}},
		{Name: "always fails", Results: Always},
		{Name: "fatal error", Results: []error{T1, F1}},
		{Name: "fatal at once", Results: []error{F1}},
		{Name: "slow calls, fails twice", Results: []error{T1, T2}, CallTime: 70 * time.Millisecond},
		{Name: "slow calls, always fails", Results: Always, CallTime: 70 * time.Millisecond},
	}
	probe := Run(t, Script{Results: Always}, c.Orig)
	times := CallTimes(probe)
	if len(times) < 2 {
		t.Fatalf("the original makes %d calls when every call fails: not a retry loop", len(times))
	}
	if c.Ctx {
		if len(times) < 3 {
			t.Fatalf("the context scenarios need at least 3 calls, the original makes %d", len(times))
		}
		mid := (times[1] + times[2]) / 2
		scripts = append(scripts,
			Script{Name: "cancelled in the first wait", Results: Always, CancelAt: (times[0] + times[1]) / 2},
			Script{Name: "cancelled in the second wait", Results: Always, CancelAt: mid},
			Script{Name: "cancelled with a cause", Results: Always, CancelAt: mid, WithCause: true},
			Script{Name: "deadline in the second wait", Results: Always, Deadline: mid},
			Script{Name: "cancelled before the start", Results: Always, Precancelled: true},
		)
	}
	if c.Stop {
		scripts = append(scripts,
			Script{Name: "stopped in the first wait", Results: Always, StopAt: (times[0] + times[1]) / 2},
			Script{Name: "stopped in the second wait", Results: Always, StopAt: (times[1] + times[2]) / 2},
			Script{Name: "stopped during a slow call", Results: Always, CallTime: 70 * time.Millisecond, StopAt: times[1] + 35*time.Millisecond},
			Script{Name: "stopped before the start", Results: Always, StopAt: -1},
			Script{Name: "stopped after a fatal error", Results: []error{T1, F1}, StopAt: (times[0] + times[1]) / 2},
		)
	}
	for _, s := range scripts {
		t.Run(s.Name, func(t *testing.T) {
			changes := c.Changes
			if s.Deadline == 0 {
				changes.Deadline = false
			}
			o := Run(t, s, c.Orig)
			f := Run(t, s, c.Fixed)
			Compare(t, o, f, changes)
		})
	}
}
