package fixer_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// An equivalence case names a fixture of testdata/src whose x.go and
// x.go.golden are compiled side by side, as packages orig and fixed of a
// temporary module, and driven by the same scripts on fake time (see
// testdata/equiv/harness). call is the body of a func(h *harness.H) that calls
// the fixture through P (replaced by orig or fixed) and records its results
// with h.Return.
type equivCase struct {
	pkg  string // fixture directory under testdata/src
	call string
	// ctx says the call passes h.Ctx, so the context scenarios run.
	ctx bool
	// stop says the call listens to h.Stop or h.OnStop, so the stop
	// scenarios run.
	stop bool
	// changes are the deliberate differences the fix names in its message.
	changes []string
}

// Names of deliberate changes, as fixes list them in their messages.
const (
	changeFinalSleep = "final-sleep"
	changeDeadline   = "deadline"
	changeMinOne     = "min-one"
	changeScopeCtx   = "scope-ctx"
)

var equivCases = []equivCase{
	{pkg: "fix/returnerr", call: `h.Return(P.Ping(h.Op))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/breakerr", call: `data, err := P.Fetch(func() ([]byte, error) { v, err := h.Value(); return []byte(v), err }, h.Logf)
		h.Return(string(data), err)`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/value", call: `tok, err := P.Refresh(func() (*P.Token, error) { v, err := h.Value(); return &P.Token{Value: v}, err })
		if tok != nil {
			h.Return(tok.Value, err)
		} else {
			h.Return("no token", err)
		}`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/fatal", call: `a, err := P.Ask(func(q string) (P.Answer, error) { v, err := h.Value(); return P.Answer{Text: q + v}, err }, "q", 4)
		h.Return(a.Text, err)`,
		changes: []string{changeMinOne}},
	{pkg: "fix/ctxselect", ctx: true, call: `h.Return(P.Publish(h.Ctx, func(ctx context.Context, msg string) error { h.Logf("send %s", msg); return h.OpCtx(ctx) }, "m"))`,
		changes: []string{changeFinalSleep, changeDeadline}},
	{pkg: "fix/metrics", ctx: true, call: `h.Return(P.Exec(h.Ctx, h.OpCtx, h.Count, 4))`,
		changes: []string{changeMinOne, changeDeadline}},
	{pkg: "fix/while", call: `h.Return(P.Upsert(func(batch []string) error { return h.Op() }, h.Logf, []string{"a", "b"}))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/forever", call: `h.Return(P.TakeLock(func(name string) error { return h.Op() }, "l", 4))`},
	{pkg: "fix/budget", call: `h.Return(P.Dial(h.Op))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/budget", call: `h.Return(P.Migrate(h.Op, 2500*time.Millisecond))`},
	{pkg: "fix/deadline", call: `h.Return(P.Join(h.Op, time.Second))`,
		changes: []string{changeFinalSleep, changeMinOne}},
	{pkg: "fix/timer", ctx: true, call: `b, err := P.Fetch(h.Ctx, func(ctx context.Context, key string) ([]byte, error) { v, err := h.Value(); return []byte(key + v), err }, "k")
		h.Return(string(b), err)`,
		changes: []string{changeFinalSleep, changeDeadline}},
	{pkg: "fix/jitter", call: `h.Return(P.Renew(h.Op, h.Rand, h.Logf))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/capped", call: `h.Return(P.Flush(h.Op))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/sleepfirst", call: `b, err := P.Download(func() (io.ReadCloser, error) { v, err := h.Value(); return h.Body(v), err })
		h.Return(string(b), err)`},
	{pkg: "fix/breakerror", call: `h.Return(P.Run(h.Op, h.Logf, 3))`},
	{pkg: "fix/unbounded", ctx: true, call: `h.Return(P.RetryOperation(h.Ctx, h.OpCtx))`,
		changes: []string{changeDeadline}},
	{pkg: "fix/named", call: `addrs, err := P.Resolve(func(host string) ([]string, error) { v, err := h.Value(); return []string{host, v}, err }, "h")
		h.Return(strings.Join(addrs, ","), err)`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/continued", call: `h.Return(P.Notify(func(to string) error { return h.Op() }, h.Logf, "x"))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/countdown", call: `h.Return(P.Acquire(h.Op, 4))`,
		changes: []string{changeFinalSleep, changeMinOne}},
	// The budget started before work ahead of the loop, which takes 3s of
	// it in Announce.
	{pkg: "fix/budgetbegun", call: `h.Return(P.Deliver(func([]byte) error { return h.Op() }, 1))`,
		changes: []string{changeFinalSleep, changeMinOne}},
	{pkg: "fix/budgetbegun", call: `P.Announce(func() string { time.Sleep(3 * time.Second); return "a" }, func(string) error { return h.Op() }, func() { h.Logf("reset") })
		h.Return("done")`,
		changes: []string{changeFinalSleep, changeMinOne}},
	// The scripts' temporary errors wrap ErrSyncing; a budget of 5s, and
	// one of 2.8s that the waits 400ms+800ms+1.6s reach exactly, where
	// the loop gives up (GiveUpAt, not GiveUpAfter).
	{pkg: "fix/budgetadd", call: `h.Return(P.Commit(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				return errors.Join(P.ErrSyncing, e)
			}
			return err
		}, 5*time.Second))`},
	{pkg: "fix/budgetadd", call: `h.Return(P.Commit(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				return errors.Join(P.ErrSyncing, e)
			}
			return err
		}, 2800*time.Millisecond))`},
	// An error given up on ends the test (Fatal, which the harness turns
	// into a panic) or panics; the scripts' fatal errors wrap ErrClosed.
	{pkg: "fix/giveupfatal", call: `defer func() { h.Return(fmt.Sprint(recover())) }()
		P.Seed(h.TB(), func(string) error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && !e.Temp {
				return fmt.Errorf("put: %w", errors.Join(P.ErrClosed, e))
			}
			return err
		}, "k", 4)`,
		changes: []string{changeMinOne}},
	{pkg: "fix/giveupfatal", call: `defer func() { h.Return(fmt.Sprint(recover())) }()
		h.Return(P.Claim(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && !e.Temp {
				return errors.Join(P.ErrClosed, e)
			}
			return err
		}, 4))`,
		changes: []string{changeFinalSleep, changeMinOne}},
	// With -scopectx the rewrite watches ctx; without cancellation it does
	// what the loop did.
	{pkg: "fix/scopectx", call: `h.Return(P.Save(h.Ctx, func(ctx context.Context, r string) error { return h.OpCtx(ctx) }, "r"))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/returncall", call: `h.Return(P.WaitReady(func(string) error { return h.Op() }))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/helperctx", ctx: true, call: `b, err := P.Load(h.Ctx, func(ctx context.Context, id string) ([]byte, error) { v, err := h.Value(); return []byte(v), err }, "x")
		h.Return(string(b), err)`,
		changes: []string{changeFinalSleep, changeDeadline}},
	{pkg: "fix/nested", call: `h.Return(P.Fetch(h.Op, func() error { h.Logf("secondary"); return nil }, true))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/nestedgrowth", call: `h.Return(P.Sync(h.Op, h.Logf, 4))`,
		changes: []string{changeMinOne}},
	{pkg: "fix/guarddef", call: `v, err := P.Query(h.Value, 4)
		h.Return(v, err)`,
		changes: []string{changeMinOne}},
	{pkg: "fix/linearfrom", call: `h.Return(P.Publish(func(string) error { return h.Op() }, "m"))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/firstbefore", call: `h.Return(P.Connect(h.Op))`},
	// Loops of a label and gotos back to it.
	{pkg: "fix/gotoloop", ctx: true, call: `h.Return(P.Push(h.Ctx, h.OpCtx))`,
		changes: []string{changeDeadline}},
	{pkg: "fix/gotoloop", call: `h.Return(P.Start(h.Op, func(err error) bool {
			e, ok := err.(*harness.Err)
			return ok && e.Temp
		}))`},
	// The temporary errors of the scripts are the sentinel (Lock) or wrap it
	// (Open); the others end the loops.
	{pkg: "fix/sentinel", call: `h.Return(P.Lock(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				return P.ErrBusy
			}
			return err
		}))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/sentinel", call: `h.Return(P.Open(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				return fmt.Errorf("open: %w", errors.Join(P.ErrBusy, e))
			}
			return err
		}))`},
	{pkg: "fix/sentinel", call: `h.Return(P.Release(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				return P.ErrBusy
			}
			return err
		}))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/ownpred", call: `h.Return(P.Sync(h.Op, h.Logf))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/ownpred", call: `h.Return(P.Remove(h.Op))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/eachattempt", call: `v, err := P.Request(func() { h.Logf("send") }, h.Value)
		h.Return(v, err)`},
	// The last failure panics; the harness reports the panic's value.
	{pkg: "fix/eachattempt", call: `defer func() { h.Return(fmt.Sprint(recover())) }()
		P.MustOpen(h.Op)`},
	// The time it returns at after a success is part of what it does: the
	// pause on the way out stays.
	{pkg: "fix/successwait", call: `start := time.Now()
		ok := P.CheckSocket(func() (io.Closer, error) { v, err := h.Value(); return h.Body(v), err })
		if ok {
			h.Return(ok, time.Since(start).String())
		} else {
			h.Return(ok) // the pause after the last failure is gone, as the fix says
		}`,
		changes: []string{changeFinalSleep}},
	// The first wait is made before the call, the others between attempts.
	{pkg: "fix/waitfirst", call: `h.Return(P.Attach(h.Op))`},
	{pkg: "fix/waitfirst", call: `P.Cleanup(func(string) error { return h.Op() }, "d")
		h.Return("done")`},
	{pkg: "fix/waitfirst", call: `h.Return(P.Upload(func(string) error { return h.Op() }, "k"))`},
	{pkg: "fix/waitfirst", ctx: true, call: `h.Return(P.Resize(h.Ctx, func(ctx context.Context, _, _ int) error { return h.OpCtx(ctx) }, 24, 80))`},
	{pkg: "fix/manyvalues", call: `l := &P.Locks{Acquire: func(name string) (string, time.Duration, error) { v, err := h.Value(); return name + v, time.Duration(len(v)) * time.Second, err }}
		tok, ttl, err := l.Lease("n")
		h.Return(tok, ttl.String(), err)`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/manyvalues", ctx: true, call: `keys, next, err := P.Page(h.Ctx, func(ctx context.Context, after string) ([]string, string, bool, error) { v, err := h.Value(); return []string{after, v}, after + v, len(v)%2 == 0, err }, "a")
		h.Return(strings.Join(keys, ","), next, err)`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/manyvalues", call: `b, next, err := P.Next(func(from int) ([]byte, int, error) { v, err := h.Value(); return []byte(v), from + len(v), err }, 7)
		h.Return(string(b), next, err)`},
	{pkg: "fix/manyvalues", call: `h.Return(P.Exec(func(string) (int64, error) { return 1, h.Op() }, "s"))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/manyvalues", call: `h.Return(P.Apply(func(string) (uint64, any, error) { return 1, nil, h.Op() }, "c"))`,
		changes: []string{changeFinalSleep}},
	// The delay is logged before it is slept: from the attempt, or computed
	// again in the hook. The scripts' temporary errors wrap ErrClosed.
	{pkg: "fix/delaylogged", call: `h.Return(P.Stop(func(string) error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				return fmt.Errorf("stop: %w", errors.Join(P.ErrClosed, e))
			}
			return err
		}, h.Logf, "t"))`},
	{pkg: "fix/delaylogged", call: `peers := P.Peers(func(addr string, out *[]string) error { v, err := h.Value(); *out = append(*out, v); return err }, h.Logf, "a")
		h.Return(strings.Join(peers, ","))`,
		changes: []string{changeFinalSleep}},
	// A counter that only the delay reads; the scripts' fatal error wraps
	// ErrFatal for Renew.
	{pkg: "fix/stepcounter", ctx: true, call: `ttl, err := P.Renew(h.Ctx, func(ctx context.Context) (time.Duration, error) {
			v, err := h.Value()
			if e, ok := err.(*harness.Err); ok && !e.Temp {
				err = fmt.Errorf("renew: %w", errors.Join(P.ErrFatal, e))
			}
			return time.Duration(len(v)) * time.Second, err
		})
		h.Return(ttl.String(), err)`,
		changes: []string{changeDeadline}},
	{pkg: "fix/stepcounter", ctx: true, call: `h.Return(P.Report(h.Ctx, h.Op))`,
		changes: []string{changeDeadline}},
	{pkg: "fix/stepcounter", ctx: true, call: `h.Return(P.Preflight(h.Ctx, h.Op, h.Logf))`,
		changes: []string{changeDeadline}},
	{pkg: "fix/stepcounter", ctx: true, call: `P.Probe(h.Ctx, h.Value, h.Logf)
		h.Return("probed")`,
		changes: []string{changeDeadline}},
	{pkg: "fix/stepcounter", ctx: true, call: `h.Return(P.Refresh(h.Ctx, func(ctx context.Context) error {
			err := h.OpCtx(ctx)
			if e, ok := err.(*harness.Err); ok && !e.Temp {
				err = errors.Join(P.ErrFatal, e)
			}
			return err
		}, h.Logf))`,
		changes: []string{changeDeadline}},
	// Budgets that end at their boundary: GiveUpAt after a failure,
	// MaxElapsed before each attempt.
	{pkg: "fix/budgetreached", call: `h.Return(P.Lock(h.Op))`},
	{pkg: "fix/budgetreached", call: `id, err := P.Subscribe(func(topic string) (string, error) { v, err := h.Value(); return topic + v, err }, "t")
		h.Return(id, err)`},
	{pkg: "fix/budgetreached", call: `h.Return(P.Reserve(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && !e.Temp {
				return errors.Join(P.ErrBusy, e)
			}
			return err
		}))`,
		changes: []string{changeFinalSleep}},
	// The function's own err is shadowed by the call's, as by the loop's.
	{pkg: "fix/scopedname", call: `h.Return(P.Warm(func() error { h.Logf("load"); return nil }, h.Op))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/scopedname", call: `h.Return(P.Announce(func(string) error { return h.Op() }, h.Logf))`},
	// No pause between attempts: each call takes 40ms of fake time, so the
	// context ends between two of them or during one.
	{pkg: "fix/nodelayctx", ctx: true, call: `h.Return(P.Claim(h.Ctx, func(ctx context.Context, id string) error { time.Sleep(40 * time.Millisecond); return h.OpCtx(ctx) }, "l"))`,
		changes: []string{changeDeadline}},
	{pkg: "fix/nodelayctx", ctx: true, call: `P.Release(h.Ctx, func(ctx context.Context, id string) error { time.Sleep(40 * time.Millisecond); return h.OpCtx(ctx) }, "l")
		h.Return("released")`,
		changes: []string{changeDeadline}},
	// The context is tested before every attempt, the first included: the
	// "cancelled before the start" scenario makes no call.
	{pkg: "fix/ctxfirst", ctx: true, call: `P.Rescind(h.Ctx, func(ctx context.Context, key string) error { time.Sleep(40 * time.Millisecond); return h.OpCtx(ctx) }, "k")
		h.Return("rescinded")`,
		changes: []string{changeDeadline}},
	{pkg: "fix/ctxfirst", ctx: true, call: `h.Return(P.Join(h.Ctx, func(ctx context.Context, peer string) error { time.Sleep(40 * time.Millisecond); return h.OpCtx(ctx) }, "p", h.Logf))`,
		changes: []string{changeDeadline}},
	{pkg: "fix/ctxfirst", ctx: true, call: `id, err := P.Lease(h.Ctx, func(ctx context.Context) (int64, error) { time.Sleep(40 * time.Millisecond); v, err := h.Value(); return int64(len(v)), err })
		h.Return(id, err)`,
		changes: []string{changeDeadline}},
	// The scripts' temporary errors wrap ErrBusy; the others end the loop.
	{pkg: "fix/caseupdate", ctx: true, call: `s, err := P.Status(h.Ctx, func(ctx context.Context) (string, error) {
			v, err := h.Value()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				err = fmt.Errorf("status: %w", errors.Join(P.ErrBusy, e))
			}
			return v, err
		})
		h.Return(s, err)`,
		changes: []string{changeDeadline}},
	{pkg: "fix/deadafter", call: `h.Return(P.Save(h.Op))`},
	{pkg: "fix/endlesspre", ctx: true, call: `h.Return(P.Push(h.Ctx, h.OpCtx, h.Logf))`,
		changes: []string{changeDeadline}},
	// The result alone says the call failed: nil, or false.
	{pkg: "fix/nilvalue", call: `conn := P.Lookup(func(name string) *P.Conn {
			v, err := h.Value()
			if err != nil {
				return nil
			}
			return &P.Conn{Addr: name + v}
		}, "n")
		if conn != nil {
			h.Return(conn.Addr)
		} else {
			h.Return("no conn")
		}`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/nilvalue", call: `h.Return(P.Claim(func(int) bool { return h.Op() == nil }, 3))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/nilvalue", ctx: true, call: `h.Return(P.Ready(h.Ctx, func(ctx context.Context) bool { return h.OpCtx(ctx) == nil }))`,
		changes: []string{changeFinalSleep, changeDeadline}},
	// Functions that call themselves with one try fewer. The scripts'
	// fatal errors wrap ErrConflict for Commit.
	{pkg: "fix/recursive", call: `h.Return(P.Send(h.Op))`},
	{pkg: "fix/recursive", ctx: true, call: `h.Return(P.Flush(h.Ctx, h.OpCtx))`},
	{pkg: "fix/recursive", call: `h.Return(P.Commit(func() error {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && !e.Temp {
				return errors.Join(P.ErrConflict, e)
			}
			return err
		}))`},
	// Work after a failure that sets a variable outliving the loop, in a
	// hook: the count logged afterwards, the token the next call sends.
	{pkg: "fix/sidecount", call: `h.Return(P.Upload(h.Op, h.Logf))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/sidecount", call: `h.Return(P.Call(func(token string) error { h.Logf("call %s", token); return h.Op() }, func(old string) string { return old + "+" }, "t"))`,
		changes: []string{changeFinalSleep}},
	// Pauses after some failures only: a delay of 0 after the others.
	{pkg: "fix/waitsome", call: `h.Return(P.Reconnect(h.Op))`,
		changes: []string{changeFinalSleep}},
	{pkg: "fix/waitsome", call: `h.Return(P.Rename(func(from, to string) error { return h.Op() }, "a", "b"))`},
	// Work on the way out after the last failure, in the tail.
	{pkg: "fix/exitwork", call: `h.Return(P.Notify(h.Op, h.Logf))`},
	// A window that doubles after each pause, up to a cap: the draws log
	// the window. The scripts' temporary errors wrap ErrHeld.
	{pkg: "fix/doubling", ctx: true, call: `h.Return(P.Acquire(h.Ctx, func(ctx context.Context) error {
			err := h.OpCtx(ctx)
			if e, ok := err.(*harness.Err); ok && e.Temp {
				return errors.Join(P.ErrHeld, e)
			}
			return err
		}, func(n int) int { h.Logf("window %d", n); return n / 2 }))`,
		changes: []string{changeDeadline}},
	// A stop channel beside the timer: fed at the scripts' stop times,
	// during a wait, during a slow call, before the start.
	{pkg: "fix/stopchan", stop: true, call: `exited := make(chan P.Status, 1)
		h.OnStop(func() { exited <- P.Status{Code: 3} })
		st, err := P.Halt(h.Op, exited)
		if st != nil {
			h.Return(st.Code, err)
		} else {
			h.Return("no status", err)
		}`},
	{pkg: "fix/stopchan", stop: true, call: `h.Return(P.Drain(h.Op, h.Stop()))`},
	{pkg: "fix/stopchan", stop: true, call: `c, err := P.Await(func() (P.Conn, error) {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				err = fmt.Errorf("dial: %w", errors.Join(P.ErrNoSocket, e))
			}
			return nil, err
		}, h.Stop())
		h.Return(c == nil, err)`},
	{pkg: "fix/stopchan", stop: true, call: `c, err := P.AwaitFor(func() (P.Conn, error) {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				err = fmt.Errorf("dial: %w", errors.Join(P.ErrNoSocket, e))
			}
			return nil, err
		}, 25*time.Millisecond)
		h.Return(c == nil, err)`},
	{pkg: "fix/stopchan", stop: true, call: `out := make(chan P.Result, 1)
		P.Spawn(func() (P.Conn, error) {
			err := h.Op()
			if e, ok := err.(*harness.Err); ok && e.Temp {
				err = fmt.Errorf("dial: %w", errors.Join(P.ErrNoSocket, e))
			}
			return nil, err
		}, h.Stop(), out)
		r, ok := <-out
		h.Return(ok, r.Conn == nil, r.Err)`},
	{pkg: "fix/stopchan", stop: true, call: `h.Return(P.Publish(h.Op, h.Stop()))`},
	{pkg: "fix/rangeint", call: `c, err := P.Dial(func(addr string) (P.Conn, error) { v, err := h.Value(); return h.Body(v), err }, h.Logf, "a")
		h.Return(c != nil, err)`,
		changes: []string{changeFinalSleep}},
}

// TestEquivalence proves each rewrite does what its loop did: the original
// and the golden file run against the same scripted failures, on fake time,
// and must make the same calls at the same times, log the same lines and
// return the same values and the same errors (by identity), except for the
// deliberate changes their fix names.
func TestEquivalence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a temporary module")
	}
	goTool := goCommand(t)
	root := moduleRoot(t)
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The rewrites import the retry package, a module of its own in retry/.
	write("go.mod", fmt.Sprintf("module equivtest\n\ngo 1.26\n\nrequire github.com/retrylint/retrylint/retry v0.0.0\n\nreplace github.com/retrylint/retrylint/retry => %s\n", filepath.Join(root, "retry")))
	copyFile(t, filepath.Join(root, "go.sum"), filepath.Join(dir, "go.sum"))
	copyFile(t, filepath.Join("testdata", "equiv", "harness", "harness.go"), filepath.Join(dir, "harness", "harness.go"))

	var test strings.Builder
	test.WriteString("package equivtest\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"io\"\n\t\"strings\"\n\t\"testing\"\n\t\"time\"\n\n\t\"equivtest/harness\"\n")
	for i, c := range equivCases {
		src := filepath.Join(root, "testdata", "src", c.pkg)
		files, err := filepath.Glob(filepath.Join(src, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", c.pkg, err)
		}
		for _, f := range files {
			name := filepath.Base(f)
			if _, err := os.Stat(filepath.Join(dir, "orig", c.pkg, name)); err == nil {
				continue // another case uses the same fixture
			}
			copyFile(t, f, filepath.Join(dir, "orig", c.pkg, name))
			golden := f + ".golden"
			if _, err := os.Stat(golden); err != nil {
				golden = f // a file the fix does not touch
			}
			copyFile(t, golden, filepath.Join(dir, "fixed", c.pkg, name))
		}
		fmt.Fprintf(&test, "\torig%d %q\n\tfixed%d %q\n", i, "equivtest/orig/"+c.pkg, i, "equivtest/fixed/"+c.pkg)
	}
	test.WriteString(")\n\nvar (\n\t_ = context.Background\n\t_ = errors.Join\n\t_ = fmt.Errorf\n\t_ io.Reader\n\t_ = strings.Join\n\t_ = time.Second\n)\n")
	for i, c := range equivCases {
		fmt.Fprintf(&test, "\nfunc TestCase%d(t *testing.T) {\n\tt.Log(%q)\n\tharness.Check(t, harness.Case{\n", i, c.pkg)
		fmt.Fprintf(&test, "\t\tOrig: func(h *harness.H) {\n\t\t%s\n\t\t},\n", strings.ReplaceAll(c.call, "P.", fmt.Sprintf("orig%d.", i)))
		fmt.Fprintf(&test, "\t\tFixed: func(h *harness.H) {\n\t\t%s\n\t\t},\n", strings.ReplaceAll(c.call, "P.", fmt.Sprintf("fixed%d.", i)))
		fmt.Fprintf(&test, "\t\tCtx: %v,\n\t\tStop: %v,\n\t\tChanges: harness.Changes{FinalSleep: %v, Deadline: %v},\n\t})\n}\n",
			c.ctx, c.stop, has(c.changes, changeFinalSleep), has(c.changes, changeDeadline))
	}
	write("equiv_test.go", test.String())

	cmd := exec.Command(goTool, "test", "-count=1", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the rewrites do not behave as their loops:\n%s", out)
	}
	t.Logf("%s", out)
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// goCommand returns the go command that runs this test.
func goCommand(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	return path
}

// moduleRoot returns the directory of the retrylint module.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod above the fixer package: %v", err)
	}
	return root
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
