package shape

// The trace of a run of the loop: its paths, its exits, and the main path of its failures.

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"

	"github.com/retrylint/retrylint/internal/code"
)

// trace is what one run of the machine saw.
type trace struct {
	// main are the events of the path on which every attempt fails and is
	// retried, in order.
	main []*event
	// end is how that path left the loop; nil when it did not within the
	// attempts followed.
	end *exitPath
	// exits are the ways out of the other paths.
	exits []exitPath
	// ops is the number of attempts the main path made.
	ops int
	// multi reports that some failure could be retried in more than one way
	// (a fork whose both sides go on).
	multi bool
	// onSuccess reports that the loop goes on after a success.
	onSuccess bool
	// resultRetry reports that the loop goes on after a success because of
	// the operation's other results (a status).
	resultRetry bool
	// stuck is a statement the machine could not follow; nil if none.
	stuck ast.Stmt
	// opRetried reports that a failure of the operation itself, not of a
	// later step of the attempt, goes on to another attempt.
	opRetried bool
	// stepRetried reports that after a success, a later step of the
	// attempt failed with an error of its own and the loop went on
	// (resp, err := get(); ...; body, readErr := read(resp); if readErr ==
	// nil { return body }): the attempt is both calls.
	stepRetried bool
}

// exitPath is one way out of the loop.
type exitPath struct {
	op      int // the attempt during which it happened (0: before any)
	outcome outcome
	// later reports that the outcome is a later step's (see state.later).
	later  bool
	events []*event // everything since the last operation ran
	t      term
	// cond is the last condition decided before leaving: the test of the
	// bound, for the main path.
	cond ast.Node
	env  map[key]value
	// assume are the atoms the path had assumed.
	assume map[string]atomVal
	// viaCond reports that the loop was left because its own condition
	// became false.
	viaCond bool
	// hist and iter are the path's history: the main path's before its
	// iteration, and its own during it (see history).
	hist, iter []*event
}

// forks returns the atoms decided on the exit's way out.
func (e *exitPath) forks() []*event {
	var out []*event
	for _, ev := range e.events {
		if ev.kind == forkEvent {
			out = append(out, ev)
		}
	}
	return out
}

// run runs the loop from its entry until the main path leaves it or makes
// maxOps attempts.
func (mc *machine) run() *trace {
	tr := &trace{}
	st := mc.entry()
	var states []*state
	mc.inBody, mc.halted = false, false
	if mc.op.before != nil {
		for _, p := range mc.runOp(st) {
			states = append(states, p.st)
		}
	} else {
		states = []*state{st}
	}
	mc.inBody = true
	var (
		cond ast.Expr
		post ast.Stmt
	)
	switch l := mc.lc.loop.(type) {
	case *ast.ForStmt:
		cond, post = l.Cond, l.Post
		if l.Init != nil {
			for _, s := range states {
				mc.assign(s, l.Init)
			}
		}
	case *ast.RangeStmt:
		for _, s := range states {
			s.set(rangeKey(mc.m.info, l), intVal(0))
		}
	}
	var mainKey map[string]bool // what the main path assumed of the last error
	// hist is the main path's history before the iteration under way; the
	// states hold only their events since it began, so that forking one
	// copies little.
	var hist []*event
	for len(states) > 0 {
		var next []*state
		var exits []exitPath
		for _, s := range states {
			var goOn []*state
			switch l := mc.lc.loop.(type) {
			case *ast.ForStmt:
				if cond == nil {
					goOn = append(goOn, s)
					break
				}
				bs := mc.decide(s, cond, cond)
				if bs == nil {
					tr.stuck = mc.lc.loop
					return tr
				}
				for _, b := range bs {
					if b.val {
						goOn = append(goOn, b.st)
					} else {
						exits = append(exits, mc.exitOf(hist, b.st, term{kind: leaveLoop}, cond, true))
					}
				}
			case *ast.RangeStmt:
				n := mc.eval(s, l.X)
				if n.kind != intV {
					tr.stuck = l
					return tr
				}
				if s.get(mc, rangeKey(mc.m.info, l)).i >= n.i {
					exits = append(exits, mc.exitOf(hist, s, term{kind: leaveLoop}, l, true))
					continue
				}
				goOn = append(goOn, s)
			}
			for _, g := range goOn {
				for _, p := range mc.settled(mc.exec(g, mc.lc.body.List)) {
					switch p.t.kind {
					case fallThrough, nextIter:
						next = append(next, p.st)
					case stuck:
						if tr.stuck == nil {
							tr.stuck = p.t.stmt
						}
					default:
						exits = append(exits, mc.exitOf(hist, p.st, p.t, p.st.lastCond, false))
					}
				}
			}
		}
		if tr.stuck != nil {
			return tr
		}
		// The paths that go on after a success: on a result of the
		// operation (a status), or on nothing the attempt decided (a poll).
		var keep []*state
		var results resultsSeen
		for _, s := range next {
			if s.outcome == succeeded {
				// The loop's own condition may leave on success (err :=
				// op(); for i := 0; i < n && err != nil; i++ { ... }).
				if mc.leavesOnCond(s, post, cond) {
					exits = append(exits, mc.exitOf(hist, s, term{kind: leaveLoop}, cond, true))
					continue
				}
				if mc.stepFailed(s) {
					// Not a poll: the attempt as a whole failed, and is
					// retried as a failure of the operation would be.
					tr.stepRetried = true
					s.outcome, s.later = failed, true
					keep = append(keep, s)
					continue
				}
				if s.decided(resultAtom) && !s.decidedFlag(mc) {
					tr.resultRetry = true
					if results.add(s) {
						// Either way the result went, the loop went on: it
						// goes on after every success, and retries nothing.
						tr.onSuccess = true
					}
				} else {
					tr.onSuccess = true
				}
				continue
			}
			keep = append(keep, s)
			if !s.later {
				tr.opRetried = true
			}
		}
		if len(keep) > 1 {
			keep = dedupe(keep)
		}
		if len(keep) > 1 {
			// Follow a failure that waits: the others are retried at once
			// (or differently), which the reasons for no fix will say.
			tr.multi = true
			// One that made an attempt in this pass comes first: a pass
			// that failed on a step before the call (the socket is not
			// there yet) is retried too, but following only it would never
			// call the operation again.
			// (see preferOpPasses).
			best := keep[0]
			prefer := mc.preferOpPasses()
			for _, s := range keep {
				ranOp, bestRan := hasOp(s.events), hasOp(best.events)
				if !prefer {
					ranOp, bestRan = false, false
				}
				if ranOp && !bestRan || ranOp == bestRan && s.waitedLast() && !best.waitedLast() {
					best = s
				}
			}
			keep = []*state{best}
		}
		if len(keep) == 1 {
			mainKey = keep[0].errKey()
		}
		// An exit that failed and assumed of the error what the main path
		// did is where the main path ends: the attempts, or the time, ran
		// out. The others left on the error or the context.
		for _, e := range exits {
			if e.endsMain(mainKey) {
				ce := e
				tr.end = &ce
				tr.ops = e.op
			}
			tr.exits = append(tr.exits, e)
		}
		for _, s := range keep {
			if post != nil {
				mc.assign(s, post)
			}
			if r, ok := mc.lc.loop.(*ast.RangeStmt); ok {
				k := rangeKey(mc.m.info, r)
				s.set(k, intVal(s.get(mc, k).i+1))
			}
			if !hasOp(s.events) {
				// A whole pass without the operation: the loop does not
				// repeat it, and following it further would only cost.
				tr.stuck = mc.lc.loop
				return tr
			}
			hist = append(hist, s.events...)
			s.events = nil
			if mc.repeat != nil {
				mc.repeat.see(s)
			}
			if tr.end == nil || s.ops > tr.end.op {
				tr.main, tr.ops, tr.end = hist, s.ops, nil
			}
			if s.ops >= mc.maxOps {
				// Only a time budget ends a path this long: the main path
				// is then the one that found it spent.
				if last := lastBudgetExit(tr.exits); last != nil {
					tr.end, tr.main, tr.ops = last, last.history(), last.op
				}
				return tr
			}
		}
		states = keep
	}
	if tr.end != nil {
		tr.main = tr.end.history()
	}
	return tr
}

// settled splits the paths on which the attempt's outcome is still
// pending, because nothing tested the error, into one on which it
// succeeded and one on which it failed.
func (mc *machine) settled(paths []path) []path {
	var out []path
	for _, p := range paths {
		if p.st.outcome != pending {
			out = append(out, p)
			continue
		}
		for _, c := range mc.split(p.st) {
			out = append(out, path{c, p.t})
		}
	}
	return out
}

// lastBudgetExit returns the latest exit that left because a time budget
// was spent, if any.
func lastBudgetExit(exits []exitPath) *exitPath {
	for i := len(exits) - 1; i >= 0; i-- {
		if exits[i].outcome == failed && exits[i].budget() {
			return &exits[i]
		}
	}
	return nil
}

// exitOf records a path that left the loop; hist is the main path's
// history before the path's iteration.
func (mc *machine) exitOf(hist []*event, s *state, t term, cond ast.Node, viaCond bool) exitPath {
	s.envShared, s.assumeShared = true, true // the exit keeps them
	e := exitPath{op: s.ops, outcome: s.outcome, later: s.later, t: t, cond: cond, env: s.env, assume: s.assume, viaCond: viaCond, hist: hist, iter: s.events}
	e.events = sinceOp(s.events)
	if !hasOp(s.events) && hasOp(hist) {
		// no attempt yet in this iteration: what came after the last one
		e.events = append(append([]*event(nil), sinceOp(hist)...), s.events...)
	}
	return e
}

// resultsSeen are the values of the operation's results that paths going
// on after a success assumed, by the atom's text.
type resultsSeen map[string]bool

// add records what s assumed of the attempt's results, and reports whether
// another path went on having assumed the opposite of one of them.
func (r *resultsSeen) add(s *state) bool {
	if *r == nil {
		*r = resultsSeen{}
	}
	both := false
	for text, a := range s.assume {
		if a.kind != resultAtom {
			continue
		}
		if v, ok := (*r)[text]; ok && v != a.val {
			both = true
		}
		(*r)[text] = a.val
	}
	return both
}

func hasOp(evs []*event) bool {
	for _, ev := range evs {
		if ev.kind == opEvent {
			return true
		}
	}
	return false
}

// history returns the exit's events from the loop's entry.
func (e *exitPath) history() []*event {
	return append(e.hist[:len(e.hist):len(e.hist)], e.iter...)
}

// decided reports whether the path assumed an atom of that kind during its
// last attempt.
func (st *state) decided(kind atomKind) bool {
	for _, ev := range sinceOp(st.events) {
		if ev.kind == forkEvent {
			if ev.av.kind == kind {
				return true
			}
		}
	}
	return false
}

// errKey returns what the path assumed of its last attempt's error.
func (st *state) errKey() map[string]bool {
	out := map[string]bool{}
	for _, ev := range sinceOp(st.events) {
		if ev.kind == forkEvent {
			if ev.av.kind == errAtom {
				out[ev.atom] = ev.val
			}
		}
	}
	return out
}

// endsMain reports whether the exit is where the main path ends: it
// failed as the main path did; or the loop's own condition ended it after
// a failure on which another call set the error (for range n { err :=
// op(); ...; info, err := lookup() }): the attempt still failed, and the
// loop ran out of passes.
func (e *exitPath) endsMain(mainKey map[string]bool) bool {
	switch {
	case e.later:
		return false
	case e.outcome == failed:
		return e.onMain(mainKey)
	case e.outcome == noOutcome && e.viaCond:
		return e.onMain(mainKey)
	}
	return false
}

// onMain reports whether an exit assumed of the error only what the main
// path did, and nothing of the context or other channels: then it is the
// main path's end.
func (e *exitPath) onMain(mainKey map[string]bool) bool {
	for _, ev := range e.events {
		if ev.kind != forkEvent {
			continue
		}
		a := ev.av
		switch a.kind {
		case budgetAtom:
		case errAtom:
			if v, ok := mainKey[ev.atom]; !ok || v != ev.val {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// dedupe merges paths that reached the same values.
func dedupe(list []*state) []*state {
	var out []*state
	for _, s := range list {
		dup := false
		for _, o := range out {
			if maps.Equal(s.env, o.env) && sameSteps(s, o) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// sameSteps reports whether two paths ran the same statements since their
// last operation.
func sameSteps(a, b *state) bool {
	ea, eb := sinceOp(a.events), sinceOp(b.events)
	var sa, sb []ast.Stmt
	for _, e := range ea {
		if e.kind != forkEvent {
			sa = append(sa, e.stmt)
		}
	}
	for _, e := range eb {
		if e.kind != forkEvent {
			sb = append(sb, e.stmt)
		}
	}
	if len(sa) != len(sb) {
		return false
	}
	for i := range sa {
		if sa[i] != sb[i] {
			return false
		}
	}
	return true
}

func sinceOp(evs []*event) []*event {
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].kind == opEvent {
			return evs[i+1:]
		}
	}
	return evs
}

// entry builds the state at the loop's entry: the values that the
// statements before it give to what the loop reads or changes.
func (mc *machine) entry() *state {
	st := &state{env: map[key]value{}, assume: map[string]atomVal{}}
	for v := range mc.lc.readOrChanged(mc.m.info) {
		if code.DeclaredIn(v, mc.lc.loop) || !tracked(v.Type()) {
			continue
		}
		decl, x := mc.m.lastAssign(mc.lc, v)
		switch {
		case decl == nil:
		case x == nil:
			st.set(key{v: v}, zeroOf(v.Type()))
		default:
			if xv := mc.eval(st, x); xv.known() {
				st.set(key{v: v}, xv)
			}
		}
	}
	return st
}

// rangeKey is the key of a range loop's counter: its key variable, or a
// stand-in when it has none (for range n).
func rangeKey(info *types.Info, r *ast.RangeStmt) key {
	if k, ok := keyOf(info, r.Key); ok {
		return k
	}
	return key{path: "range"}
}

// budget reports whether the exit left because a time budget was spent.
func (e *exitPath) budget() bool {
	for _, ev := range e.events {
		if ev.kind == forkEvent && ev.av.kind == budgetAtom {
			return true
		}
	}
	return false
}

// waitedLast reports whether the path waited since its last attempt.
func (st *state) waitedLast() bool {
	for _, ev := range sinceOp(st.events) {
		if ev.kind == waitEvent {
			return true
		}
	}
	return false
}

// decidedFlag reports whether the path went on after a success because a
// boolean result of the operation said so (ok, ready): the loop then waits
// for a condition, which is polling, not retrying.
func (st *state) decidedFlag(mc *machine) bool {
	for _, ev := range sinceOp(st.events) {
		if ev.kind != forkEvent {
			continue
		}
		a := ev.av
		if a.kind != resultAtom {
			continue
		}
		if v := code.Var(mc.m.info, a.expr); v != nil && isBoolType(v.Type()) {
			return true
		}
	}
	return false
}

// leavesOnCond reports whether a path that goes on after a success leaves
// the loop by its condition, tested after the post statement.
func (mc *machine) leavesOnCond(s *state, post ast.Stmt, cond ast.Expr) bool {
	if cond == nil {
		return false
	}
	c := s.clone()
	if post != nil {
		mc.assign(c, post)
	}
	v := mc.eval(c, cond)
	return v.kind == boolV && !v.b
}

// stepFailed reports whether the path, after its attempt succeeded,
// assumed that the error of a later call of the loop body is not nil: a
// variable of error type other than the operation's, set by a call after
// the operation's statement (body, readErr := io.ReadAll(resp.Body)).
func (mc *machine) stepFailed(s *state) bool {
	info := mc.m.info
	for _, ev := range sinceOp(s.events) {
		if ev.kind != forkEvent || ev.av.kind != otherAtom {
			continue
		}
		b, ok := ast.Unparen(ev.av.expr).(*ast.BinaryExpr)
		if !ok || (b.Op != token.EQL && b.Op != token.NEQ) {
			continue
		}
		x := b.X
		if code.IsNil(info, x) {
			x = b.Y
		} else if !code.IsNil(info, b.Y) {
			continue
		}
		w := code.Var(info, x)
		if w == nil || w == mc.op.err || !code.IsError(w.Type()) || !mc.setByLaterCall(w) {
			continue
		}
		if ev.av.val == (b.Op == token.NEQ) {
			return true // err != nil held, or err == nil did not
		}
	}
	return false
}

// givenExpectation reports whether call is given a variable from outside
// the loop that the loop leaves alone, other than a function or a context
// (compare(want, got)): a check of what the attempt read against what the
// caller wants, which makes the loop a poll of that state, not a step that
// may succeed when made again.
func (mc *machine) givenExpectation(call *ast.CallExpr) bool {
	info := mc.m.info
	for _, a := range call.Args {
		v := code.Var(info, a)
		if v == nil || mc.lc.changed[v] || code.DeclaredIn(v, mc.lc.loop) || code.IsContext(v.Type()) {
			continue
		}
		if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
			return true
		}
	}
	return false
}

// setByLaterCall reports whether a statement of the loop body after the
// operation's assigns w from a call that checks no expectation.
func (mc *machine) setByLaterCall(w *types.Var) bool {
	found := false
	ast.Inspect(mc.lc.body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if n.Pos() <= mc.op.stmt.Pos() || len(n.Rhs) != 1 {
				return true
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok || mc.givenExpectation(call) {
				return true
			}
			for _, l := range n.Lhs {
				if code.Var(mc.m.info, l) == w {
					found = true
				}
			}
		}
		return true
	})
	return found
}
