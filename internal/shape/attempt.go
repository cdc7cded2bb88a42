package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/internal/code"
)

// loop studies one candidate loop and returns the retry it holds, or nil
// when it is not one: it must repeat an operation because it failed, leave
// when it succeeds, and be bounded. When several calls of the body could be
// the operation, the one that makes the most complete retry wins.
func (m *matcher) loop(cur inspector.Cursor) *Retry {
	lc := m.newLoopCtx(cur)
	if lc.fn == nil || lc.body == nil || lc.fnBody == nil {
		return nil
	}
	waits := m.findWaits(lc)
	if m.callsRetryLibrary(lc.body) {
		return nil
	}
	var best *Retry
	bestScore := -1
	for _, c := range m.opCandidates(lc) {
		c.before = m.firstBefore(lc, c)
		r := m.study(lc, c, waits > 0)
		if r == nil {
			continue
		}
		if s := r.score(m.info); s > bestScore {
			best, bestScore = r, s
		}
	}
	return best
}

// score ranks the readings of one loop with different operations: bounded
// first, then with a wait, then with a fix.
func (r *Retry) score(info *types.Info) int {
	s := 0
	if r.Bound.Kind != Unbounded {
		s += 8
	} else if len(r.Bound.Checks) > 0 || r.Wait != nil && (r.Wait.Ctx != nil || r.Wait.listens()) || r.Exits.Interrupted != nil || r.Exits.Stopped != nil || r.ctxInGiveUp(info) {
		s += 4
	}
	if r.Wait != nil {
		s += 2
	}
	if r.NoFix == NoReason {
		s++
	}
	return s
}

// ctxInGiveUp reports whether a test the code gives up on passes a context
// to a call (isHaltErr(ctx, err)): a test that asks the context whether it
// ended, which then bounds the retries as a wait on it would.
func (r *Retry) ctxInGiveUp(info *types.Info) bool {
	for _, c := range r.Classes {
		found := false
		ast.Inspect(c.Cond, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && !found {
				for _, a := range call.Args {
					if code.IsContext(info.TypeOf(a)) {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// maxFollowed is the largest count of attempts the machine follows: a loop
// bound by more is read as unbounded.
const maxFollowed = 4096

// largestCount returns the largest integer constant that the loop's
// condition, its range or the condition of an if in its body compares, up
// to maxFollowed: a limit of attempts is one of them (for range
// unmountTries, i < 1000, if tries > 500 { break }), and a run that follows
// it sees where the attempts end. Constants elsewhere (sizes, delays) are
// no limit, and following them would cost for nothing.
func (m *matcher) largestCount(loop ast.Stmt) int {
	n := 0
	scan := func(e ast.Expr) {
		if e == nil {
			return
		}
		ast.Inspect(e, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case ast.Expr:
				if v, ok := code.ConstInt(m.info, x); ok {
					// A duration (retryInterval < 4096) is no count.
					if v <= maxFollowed && int(v) > n && !code.IsNamed(m.info.TypeOf(x), "time", "Duration") {
						n = int(v)
					}
					return false
				}
			}
			return true
		})
	}
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		scan(l.Cond)
		body = l.Body
	case *ast.RangeStmt:
		scan(l.X)
		body = l.Body
	}
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			scan(x.Cond)
		}
		return true
	})
	return n
}

// study runs the machine on a loop with c as its operation and reads the
// retry off the trace; nil when the loop is not a retry of c.
func (m *matcher) study(lc *loopCtx, c *opCand, hasWaits bool) *Retry {
	// Three attempts first: most candidates are no retry (they go on after
	// a success, or stop when the call fails), which the first attempts
	// show, and the run that follows forty costs ten times as much. The
	// machine is deterministic: a longer run repeats the same first paths.
	// Nor does a longer run change the fate of a loop that the first
	// attempts show going round the same iteration forever (for { n, err
	// := read(); if err == EINTR { continue }; ... }): unbounded, and with
	// nothing that would make Find keep it, it costs the most to follow,
	// 256 attempts (see endlessDropped).
	short := m.newMachine(lc, c)
	short.maxOps = 3
	short.repeat = &repeatWatch{}
	t := short.run()
	if t.stuck != nil || t.onSuccess || t.ops > 0 && !t.opRetried || m.endlessDropped(lc, c, short, t, hasWaits) {
		return nil
	}
	mc := m.newMachine(lc, c)
	tr := mc.run()
	if tr.end == nil && tr.ops >= mc.maxOps && !tr.onSuccess && tr.stuck == nil {
		// A bound larger than the machine follows at first (for range 100):
		// follow it further, and as far as the largest count the loop
		// names (for range 400) when that shows where the attempts end.
		mc = m.newMachine(lc, c)
		mc.maxOps = 256
		tr = mc.run()
		if n := m.largestCount(lc.loop); tr.end == nil && tr.stuck == nil && !tr.onSuccess && n > mc.maxOps {
			far := m.newMachine(lc, c)
			far.maxOps = n + 2
			if t := far.run(); t.end != nil && t.stuck == nil {
				mc, tr = far, t
			}
		}
	}
	return m.read(lc, c, mc, tr, hasWaits)
}

// read reads the retry with c as its operation off tr, the trace of mc;
// nil when the loop is not a retry of c.
func (m *matcher) read(lc *loopCtx, c *opCand, mc *machine, tr *trace, hasWaits bool) *Retry {
	if tr.stuck != nil || tr.onSuccess {
		return nil
	}
	succ := exitsOf(tr, func(e *exitPath) bool { return e.outcome == succeeded && e.t.kind != aborted })
	if tr.ops == 0 && len(tr.exits) == 1 && tr.exits[0].viaCond {
		return m.neverRuns(lc, c, tr.exits[0].cond)
	}
	if !tr.opRetried {
		return nil // the loop stops when c itself fails: c is not what it retries
	}
	if len(succ) == 0 || tr.ops < 2 && tr.end != nil {
		return nil // never leaves on success (or only to fail the test), or never tries again
	}
	segs := segments(tr.main, tr.ops)
	waited := false
	for _, seg := range segs {
		for _, ev := range seg {
			if ev.kind == waitEvent {
				waited = true
			}
		}
	}
	if !waited && hasWaits {
		return nil // the loop waits, but not between the attempts of this call
	}
	if m.spins(tr.main) {
		return nil // runtime.Gosched between tries: a spin on contention, not a retry
	}

	r := &Retry{Func: m.funcOf(lc.fn)}
	r.Loop = &Loop{Stmt: lc.loop, Labeled: lc.labeled, Body: lc.body, After: lc.after(), Goto: lc.isGoto, FirstBefore: c.before}
	r.Op = m.opModel(lc, c)
	r.Func.Ctx = m.ctxInScope(lc.outer().Pos(), r.Op.Ctx)
	a := &reading{m: m, lc: lc, c: c, mc: mc, tr: tr, segs: segs, r: r}
	switch {
	case c.valueOnly:
		// the fixer names the error a nil or false result stands for, or
		// refuses with ReasonNoError
	case c.witness != nil:
		// the loop trusts the call to hand back its value on a success
		// only, which a rewrite testing the error could not
		r.refuse(ReasonResultSuccess)
	}
	// What only serves the tests of the error (var ne net.Error; t, ok :=
	// err.(T) in an if) belongs to the classes.
	for _, d := range lc.predVarDecls {
		a.role(d, "predicate")
	}
	ast.Inspect(lc.body, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok {
			if as, ok := ifs.Init.(*ast.AssignStmt); ok && m.fromError(lc, as) {
				a.role(as, "predicate")
			}
		}
		return true
	})
	a.checkBody()
	if w := a.walk(); w != nil {
		if a.advances(w) {
			return nil // each pass walks a list made from the last: a search
		}
		r.refuse(ReasonWalk)
	}
	a.bound()
	if a.failover() || a.handedOut() {
		return nil // each pass works on another item: failover, not retry
	}
	a.waits()
	a.schedule()
	if a.c.valueOnly {
		// A call that returns no error, asked again while it returns nil:
		// a retry when the loop backs off after each nil, as callers do
		// from something that failed; asking at a steady pace is polling
		// for the value to appear.
		if !backsOff(tr.main) {
			return nil
		}
	}
	if a.awaitsExpected(succ) {
		return nil // it waits for what it reads to be what the caller wants
	}
	a.mirrors()
	a.side()
	a.sharedDelay()
	a.pre()
	a.defers()
	a.results()
	a.exits(succ)
	a.classes()
	a.category()
	return r
}

// reading holds what the stages that read a trace share. Each stage fills
// its own part of the Retry and records its reasons for no fix.
type reading struct {
	m    *matcher
	lc   *loopCtx
	c    *opCand
	mc   *machine
	tr   *trace
	segs [][]*event // the main path cut at each operation (see segments)
	r    *Retry
	// irregular reports that the wait is skipped after some failures.
	irregular bool
	// roles marks the statements that a stage explained (a counter step, a
	// schedule statement, a mirror, the wait's setup), so that the side-work
	// stage leaves them out.
	roles map[ast.Stmt]string
}

// role records what a statement of the loop is for.
func (a *reading) role(s ast.Stmt, what string) {
	if a.roles == nil {
		a.roles = map[ast.Stmt]string{}
	}
	if _, ok := a.roles[s]; !ok {
		a.roles[s] = what
	}
}

// newMachine prepares a machine for the loop lc with operation c, with
// stand-in values for the unknowns the loop never changes.
func (m *matcher) newMachine(lc *loopCtx, c *opCand) *machine {
	mc := &machine{m: m, lc: lc, op: c, maxOps: 40, probes: map[key]value{}}
	mc.probes = m.probesFor(lc)
	return mc
}

// probesFor gives every integer or duration the loop reads but never changes,
// and that the statements before it do not set to a known value, a distinct
// stand-in: small numbers for counts, odd nanoseconds for durations.
func (m *matcher) probesFor(lc *loopCtx) map[key]value {
	out := map[key]value{}
	n := 0
	visit := func(node ast.Node) {
		ast.Inspect(node, func(x ast.Node) bool {
			e, ok := x.(ast.Expr)
			if !ok {
				return true
			}
			k, ok := keyOf(m.info, e)
			if !ok {
				if k, ok = getterKey(m.info, e); !ok {
					return true
				}
			}
			if _, seen := out[k]; seen || k.v == nil || lc.changed[k.v] || code.DeclaredIn(k.v, lc.loop) {
				return false
			}
			t := m.info.TypeOf(e)
			if !isIntType(t) && !isFloatType(t) {
				return false
			}
			if _, ok := m.info.Types[e]; ok && m.info.Types[e].Value != nil {
				return false // a constant
			}
			if k.path == "" {
				if decl, x := m.lastAssign(lc, k.v); decl != nil && x != nil {
					if _, isConst := code.ConstInt(m.info, x); isConst {
						return false // set to a known value before the loop
					}
				}
			}
			n++
			if code.IsDuration(t) {
				out[k] = value{kind: intV, i: int64(1_000_003 * n), probe: true}
			} else if isFloatType(t) {
				out[k] = value{kind: floatV, f: float64(1 + n), probe: true}
			} else {
				out[k] = value{kind: intV, i: int64(10 + 2*n), probe: true}
			}
			return false
		})
	}
	visit(lc.loop)
	// The values the statements before the loop give what it changes
	// (retries := cfg.MaxRetries) are read too.
	for v := range lc.changed {
		if code.DeclaredIn(v, lc.loop) {
			continue
		}
		if _, x := m.lastAssign(lc, v); x != nil {
			visit(x)
		} else if t := v.Type(); isIntType(t) && !code.IsDuration(t) && m.untouchedParam(lc, v) {
			// A parameter the loop counts down (for retries > 0 {
			// retries-- }) starts at the caller's value: a stand-in
			// like any other, that the bound may find to be the limit.
			n++
			out[key{v: v}] = value{kind: intV, i: int64(10 + 2*n), probe: true}
		}
	}
	return out
}

// segments cuts the main path at each operation: segs[0] is what runs before
// the first attempt, segs[k] what runs after attempt k until attempt k+1 (or
// the exit, for the last).
func segments(main []*event, ops int) [][]*event {
	segs := make([][]*event, ops+1)
	k := 0
	for _, ev := range main {
		if ev.kind == opEvent {
			k++
			if k > ops {
				break
			}
			continue
		}
		segs[k] = append(segs[k], ev)
	}
	return segs
}

// exitsOf returns the exits of tr that keep says yes to.
func exitsOf(tr *trace, keep func(*exitPath) bool) []*exitPath {
	var out []*exitPath
	for i := range tr.exits {
		if keep(&tr.exits[i]) {
			out = append(out, &tr.exits[i])
		}
	}
	return out
}

// opModel describes the operation.
func (m *matcher) opModel(lc *loopCtx, c *opCand) Op {
	o := Op{Call: c.call, Stmt: c.stmt, Assign: c.assign, Results: c.results, Err: c.err, Witness: c.witness, ValueOnly: c.valueOnly, Declares: c.assign.Tok == token.DEFINE}
	for _, arg := range c.call.Args {
		if v := code.Var(m.info, arg); v != nil && code.IsContextType(v.Type()) {
			o.Ctx = v
			break
		}
	}
	return o
}

// checkBody refuses what a closure cannot hold: a defer that would run after
// each attempt, recover, goto, a label used outside the loop.
func (a *reading) checkBody() {
	info := a.m.info
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if code.IsBuiltin(info, n, "recover") {
				a.r.refuse(ReasonRecover)
			}
		}
		return true
	})
	ast.Inspect(a.lc.fnBody, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			// The gotos of a goto loop go round again, as continue does,
			// and the rewrite takes them with the label; any other goto
			// may jump where the rewrite moves code.
			if !a.lc.isGoto || info.Uses[b.Label] != a.lc.label || !code.Within(b, a.lc.loop) {
				a.r.refuse(ReasonGoto)
			}
		}
		return true
	})
	if a.lc.isGoto && a.gotoScopeLeaks() {
		a.r.refuse(ReasonGoto)
	}
}

// gotoScopeLeaks reports whether the code after a goto loop reads a
// variable declared between its label and its last goto, other than the
// operation's results (err := start(), then return err): in the function
// such a variable lives on after the loop, where a rewrite would declare it
// inside a closure. The results the rewrite declares itself, as retry.Do's.
func (a *reading) gotoScopeLeaks() bool {
	info := a.m.info
	for _, s := range a.lc.after() {
		leaks := false
		ast.Inspect(s, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && !leaks {
				if v, ok := info.Uses[id].(*types.Var); ok && code.DeclaredIn(v, a.lc.loop) && v != a.c.err && !slices.Contains(a.c.results, v) {
					leaks = true
				}
			}
			return !leaks
		})
		if leaks {
			return true
		}
	}
	return false
}

// isWaitSetup reports whether s prepares a wait of the loop (defer t.Stop()).
func (a *reading) isWaitSetup(s ast.Stmt) bool {
	for _, w := range a.lc.waits {
		if w == nil {
			continue
		}
		for _, st := range w.Setup {
			if st == s {
				return true
			}
		}
	}
	return false
}

// readsVar reports whether n reads v (outside its own assignments' left
// sides).
func (a *reading) reads(n ast.Node, v *types.Var) bool {
	return v != nil && code.Uses(a.m.info, n, v)
}

// category says how the retry is reported, from its bound.
func (a *reading) category() {
	r := a.r
	switch {
	case r.Bound.Kind == ByTime:
		r.Category = TimeBudget
	case r.Bound.Counter != nil && r.Bound.Counter.Decl == nil:
		r.Category = CountedLoop
	case r.Bound.Counter == nil && isRange(a.lc.loop):
		r.Category = CountedLoop
	case r.Bound.Counter != nil:
		r.Category = WhileCounter
	default:
		r.Category = WhileCounter
	}
}

func isRange(s ast.Stmt) bool {
	_, ok := s.(*ast.RangeStmt)
	return ok
}

// neverRuns studies a loop whose bound allows no attempt at all (for i := 0;
// i < 0; i++): run past the bound, it may still be a retry, reported with
// the reason it gets no fix. A bound that only stand-ins for unknowns made
// zero is no such loop.
func (m *matcher) neverRuns(lc *loopCtx, c *opCand, bound ast.Node) *Retry {
	mc := m.newMachine(lc, c)
	if mc.boundOnProbes(bound) {
		// i < n/k with stand-ins for n and k: the loop may well run, and
		// what it does is not known.
		return nil
	}
	mc.override = bound
	mc.maxOps = 3
	if past := mc.run(); past.stuck != nil || past.onSuccess || past.ops < 2 {
		return nil
	}
	r := &Retry{Func: m.funcOf(lc.fn), Category: CountedLoop}
	r.Loop = &Loop{Stmt: lc.loop, Labeled: lc.labeled, Body: lc.body, After: lc.after(), Goto: lc.isGoto}
	r.Op = m.opModel(lc, c)
	r.Bound = Bound{Kind: ByCount, Attempts: Attempts{IsConst: true}}
	r.refuse(ReasonNeverRuns)
	return r
}

// defers refuses a defer that every attempt runs: in the loop it ran at the
// end of the function, once per attempt; in a closure it would run at the
// end of each attempt. A defer on the way out (defer resp.Body.Close() after
// a success) runs once, in the rewrite too.
func (a *reading) defers() {
	check := func(s ast.Stmt) {
		if _, ok := s.(*ast.DeferStmt); ok && !a.isWaitSetup(s) {
			a.r.refuse(ReasonDefer)
		}
	}
	for _, ev := range a.tr.main {
		if ev.kind == stmtEvent {
			check(ev.stmt)
		}
	}
	for _, s := range a.r.Op.Pre {
		check(s)
	}
}

// failover reports whether the counter picks what each pass works on
// (addrs[i], hosts[i%len(hosts)]): the loop then walks a list
// of candidates, which is failover, not retrying the same operation.
func (a *reading) failover() bool {
	c := a.r.Bound.Counter
	if c == nil {
		return a.picksByStep()
	}
	info := a.m.info
	found := false
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.IndexExpr:
			found = code.Uses(info, n.Index, c.Var)
		case *ast.SliceExpr:
			found = code.Uses(info, n.Low, c.Var) || code.Uses(info, n.High, c.Var)
		}
		return !found
	})
	if found {
		return true
	}
	// The counter as an argument (txn(ctx, f, attempt)) tells the call
	// which attempt it is, for its logs: the call is still the same one.
	// Unless the loop also goes on after some successes (readPage(id),
	// lookup(seq)): then it walks the items the counter numbers.
	if a.tr.resultRetry && a.c.call != nil {
		for _, arg := range a.c.call.Args {
			if code.Uses(info, arg, c.Var) {
				return true
			}
		}
	}
	return false
}

// picksByStep reports whether what the operation's call works on is taken
// from a list by an index the loop changes (up := ups[i]; i++), when no
// counter bounds the loop (a deadline does): each pass then asks another
// candidate, failover and no retry. Only an index read by the call, or by a
// statement before it that sets what the call reads, counts: a schedule
// indexed by the attempt (delays[i]) picks no target.
func (a *reading) picksByStep() bool {
	info := a.m.info
	stepped := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(x ast.Node) bool {
			if ix, ok := x.(*ast.IndexExpr); ok && !found {
				for v := range a.lc.changed {
					if isIntType(v.Type()) && code.Uses(info, ix.Index, v) {
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
	if a.c.call == nil || a.c.stmt == nil {
		return false
	}
	if stepped(a.c.call) {
		return true
	}
	for _, s := range a.lc.body.List {
		if s.Pos() >= a.c.stmt.Pos() {
			break
		}
		if !stepped(s) {
			continue
		}
		for w := range a.m.assigned(s) {
			if code.Uses(info, a.c.call, w) {
				return true
			}
		}
	}
	return false
}

// spins reports whether the main path yields the processor between its
// attempts (runtime.Gosched): a compare-and-swap spinning on contention.
func (m *matcher) spins(main []*event) bool {
	for _, ev := range main {
		if ev.kind != stmtEvent {
			continue
		}
		if es, ok := ev.stmt.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && code.IsPkgCall(m.info, call, "runtime", "Gosched") {
				return true
			}
		}
	}
	return false
}

// boundOnProbes reports whether the loop's condition bound, on entry,
// depends on the stand-in value of an unknown.
func (mc *machine) boundOnProbes(bound ast.Node) bool {
	cond, ok := bound.(ast.Expr)
	if !ok {
		return false
	}
	st := mc.entry()
	if l, ok := mc.lc.loop.(*ast.ForStmt); ok && l.Init != nil {
		mc.assign(st, l.Init)
	}
	return mc.eval(st, cond).probe
}

// backsOff reports whether the waits of the main path, where every attempt
// fails, grow: each at least as long as the one before, the second longer
// than the first.
func backsOff(main []*event) bool {
	var delays []int64
	for _, ev := range main {
		if ev.kind != waitEvent {
			continue
		}
		if ev.delay.kind != intV {
			return false
		}
		delays = append(delays, ev.delay.i)
	}
	if len(delays) < 2 || delays[1] <= delays[0] {
		return false
	}
	for i := 2; i < len(delays); i++ {
		if delays[i] < delays[i-1] {
			return false
		}
	}
	return true
}
