package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/internal/code"
)

// loopCtx is what the matcher knows about a candidate loop before it runs.
type loopCtx struct {
	cur     inspector.Cursor
	loop    ast.Stmt // *ast.ForStmt or *ast.RangeStmt
	labeled *ast.LabeledStmt
	label   *types.Label
	body    *ast.BlockStmt
	fn      ast.Node // *ast.FuncDecl or *ast.FuncLit
	fnBody  *ast.BlockStmt
	// changed are the variables the loop may change.
	changed map[*types.Var]bool
	// leaves are the statements in the body that make control leave the
	// statement holding them, with where they go.
	leaves []leaf
	// targets are the statements break and continue statements go to.
	targets map[*ast.BranchStmt]ast.Node
	// waits memoises the wait recognised at a statement.
	waits map[ast.Stmt]*Wait
	// predLocals are variables of the body that only tests of the error
	// fill and read (var ne net.Error), declared by predVarDecls.
	predLocals   map[*types.Var]bool
	predVarDecls []ast.Stmt
	// block and index place the loop's outer statement in its block.
	block []ast.Stmt
	index int
}

// leaf is a statement that takes control out of where it stands.
type leaf struct {
	n      ast.Node
	target ast.Node // for break and continue: where it goes; nil otherwise, or when outside the loop
}

// newLoopCtx studies the layout of a loop: where its statements lead.
func (m *matcher) newLoopCtx(cur inspector.Cursor) *loopCtx {
	lc := &loopCtx{cur: cur, loop: cur.Node().(ast.Stmt), targets: map[*ast.BranchStmt]ast.Node{}, waits: map[ast.Stmt]*Wait{}}
	switch l := lc.loop.(type) {
	case *ast.ForStmt:
		lc.body = l.Body
	case *ast.RangeStmt:
		lc.body = l.Body
	}
	outer := cur
	if ls, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		lc.labeled = ls
		lc.label, _ = m.info.Defs[ls.Label].(*types.Label)
		outer = cur.Parent()
	}
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		lc.fn = enc.Node()
		lc.fnBody, _ = code.FuncBody(m.info, lc.fn)
		break
	}
	if p := outer.Parent(); p.Node() != nil {
		lc.block = code.StmtList(p.Node())
		for i, s := range lc.block {
			if s == outer.Node() {
				lc.index = i
			}
		}
	}
	lc.changed = code.Assigned(m.info, lc.loop)
	m.layout(lc)
	m.predDecls(lc)
	return lc
}

// outer returns the statement holding the loop: its label, or the loop.
func (lc *loopCtx) outer() ast.Stmt {
	if lc.labeled != nil {
		return lc.labeled
	}
	return lc.loop
}

// after returns the statements after the loop in its block.
func (lc *loopCtx) after() []ast.Stmt {
	if lc.block == nil || lc.index+1 > len(lc.block) {
		return nil
	}
	return lc.block[lc.index+1:]
}

// layout finds the leaves of the loop body and the targets of its break and
// continue statements.
func (m *matcher) layout(lc *loopCtx) {
	labels := map[*types.Label]ast.Node{}
	if lc.label != nil {
		labels[lc.label] = lc.loop
	}
	var stack []ast.Node // enclosing for, range, switch and select statements
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.LabeledStmt:
				if l, ok := m.info.Defs[x.Label].(*types.Label); ok {
					labels[l] = x.Stmt
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if x == n {
					return true
				}
				stack = append(stack, x)
				for _, c := range children(x) {
					visit(c)
				}
				stack = stack[:len(stack)-1]
				return false
			case *ast.ReturnStmt:
				lc.leaves = append(lc.leaves, leaf{n: x})
			case *ast.ExprStmt:
				if call, ok := ast.Unparen(x.X).(*ast.CallExpr); ok && code.IsNoReturn(m.info, call) {
					lc.leaves = append(lc.leaves, leaf{n: x})
				}
			case *ast.BranchStmt:
				var t ast.Node
				switch {
				case x.Label != nil:
					if l, ok := m.info.Uses[x.Label].(*types.Label); ok {
						t = labels[l]
						if t == nil && l == lc.label {
							t = lc.loop
						}
					}

				case x.Tok == token.BREAK:
					t = lc.loop
					for i := len(stack) - 1; i >= 0; i-- {
						t = stack[i]
						break
					}
				case x.Tok == token.CONTINUE:
					t = lc.loop
					for i := len(stack) - 1; i >= 0; i-- {
						if isLoop(stack[i]) {
							t = stack[i]
							break
						}
					}
				default:
					t = nil // goto, fallthrough: nil, where it goes is not followed
				}
				lc.targets[x] = t
				lc.leaves = append(lc.leaves, leaf{n: x, target: t})
			}
			return true
		})
	}
	stack = append(stack, lc.loop)
	visit(lc.body)
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// children returns the parts of a compound statement that hold statements.
func children(n ast.Node) []ast.Node {
	switch n := n.(type) {
	case *ast.ForStmt:
		return []ast.Node{n.Body}
	case *ast.RangeStmt:
		return []ast.Node{n.Body}
	case *ast.SwitchStmt:
		return []ast.Node{n.Body}
	case *ast.TypeSwitchStmt:
		return []ast.Node{n.Body}
	case *ast.SelectStmt:
		return []ast.Node{n.Body}
	}
	return nil
}

// branchTarget returns the statement a break or continue goes to.
func (m *matcher) branchTarget(b *ast.BranchStmt, lc *loopCtx) ast.Node {
	return lc.targets[b]
}

// controls reports whether s holds anything that decides where the loop
// goes: the operation, a wait, a return, a call that does not return, or a
// break or continue that leaves s. Other statements are side work the
// machine only records.
func (m *matcher) controls(s ast.Stmt, lc *loopCtx, op *opCand) bool {
	if op != nil && (code.Within(op.stmt, s)) {
		return true
	}
	for st, w := range lc.waits {
		if w != nil && code.Within(st, s) {
			return true
		}
	}
	for _, l := range lc.leaves {
		if !code.Within(l.n, s) {
			continue
		}
		if l.target == nil || !code.Within(l.target, s) {
			return true
		}
	}
	return false
}

// waitAt returns the wait at s, if s is one.
func (mc *machine) waitAt(s ast.Stmt, prev []ast.Stmt) *Wait {
	if w, ok := mc.lc.waits[s]; ok {
		return w
	}
	w := mc.m.waitOf(s, prev)
	mc.lc.waits[s] = w
	return w
}

// findWaits records every wait in the loop body (outside function literals
// and nested loops), so that controls sees them before the machine runs.
func (m *matcher) findWaits(lc *loopCtx) int {
	n := 0
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for i, s := range list {
			if w := m.waitOf(s, list[:i]); w != nil {
				lc.waits[s] = w
				n++
				continue
			}
			switch s := s.(type) {
			case *ast.BlockStmt:
				visit(s.List)
			case *ast.IfStmt:
				visit(s.Body.List)
				if s.Else != nil {
					visit([]ast.Stmt{s.Else})
				}
			case *ast.LabeledStmt:
				visit([]ast.Stmt{s.Stmt})
			case *ast.SwitchStmt:
				for _, c := range s.Body.List {
					visit(c.(*ast.CaseClause).Body)
				}
			case *ast.TypeSwitchStmt:
				for _, c := range s.Body.List {
					visit(c.(*ast.CaseClause).Body)
				}
			case *ast.SelectStmt:
				for _, c := range s.Body.List {
					visit(c.(*ast.CommClause).Body)
				}
			}
		}
	}
	visit(lc.body.List)
	return n
}

// opCand is a statement that may run the operation of a retry.
type opCand struct {
	stmt    ast.Stmt // the assignment, or the if whose Init assigns
	assign  *ast.AssignStmt
	call    *ast.CallExpr
	err     *types.Var
	results []*types.Var
	// before is the statement before the loop that makes the first attempt.
	before ast.Stmt
}

func (o *opCand) isResult(v *types.Var) bool {
	for _, r := range o.results {
		if r == v && v != o.err {
			return true
		}
	}
	return false
}

// opCandidates lists, in source order, the statements of the loop body that
// call something and assign its error to a variable that a later condition
// of the body (or the loop's own) tests against nil.
func (m *matcher) opCandidates(lc *loopCtx) []*opCand {
	var out []*opCand
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for _, s := range list {
			var as *ast.AssignStmt
			switch s := s.(type) {
			case *ast.AssignStmt:
				as = s
			case *ast.IfStmt:
				if a, ok := s.Init.(*ast.AssignStmt); ok {
					as = a
				}
				visit(s.Body.List)
				if els, ok := s.Else.(*ast.BlockStmt); ok {
					visit(els.List)
				}
			case *ast.BlockStmt:
				visit(s.List)
			}
			if as == nil {
				continue
			}
			if c := m.opOf(s, as); c != nil && m.testedForNil(lc, c.err) {
				out = append(out, c)
			}
		}
	}
	visit(lc.body.List)
	return out
}

// opOf reads an assignment of a call's results with an error among them;
// nil when s is not one, or calls something that only builds an error,
// waits, or asks whether a file exists.
func (m *matcher) opOf(s ast.Stmt, as *ast.AssignStmt) *opCand {
	if len(as.Rhs) != 1 || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || code.IsConversion(m.info, call) || m.isWaitCall(call) {
		return nil
	}
	if p, name, ok := code.PkgFunc(m.info, call); ok {
		switch {
		case p == "errors" || p == "fmt" || p == "context":
			return nil // builds an error, runs nothing
		case p == "os" && (name == "Stat" || name == "Lstat"):
			// asks whether a file exists yet: waiting for it is polling
			// for a condition, not retrying a call that failed
			return nil
		}
	}
	if fn := code.Method(m.info, call); fn != nil && fn.Name() == "Err" && len(call.Args) == 0 {
		return nil // ctx.Err()
	}
	c := &opCand{stmt: s, assign: as, call: call}
	for _, l := range as.Lhs {
		v := code.Var(m.info, l)
		c.results = append(c.results, v)
	}
	if n := len(c.results); n > 0 {
		if v := c.results[n-1]; v != nil && code.IsError(v.Type()) {
			c.err = v
		}
	}
	if c.err == nil {
		return nil
	}
	return c
}

// testedForNil reports whether the loop tests v's outcome anywhere: compares
// it with nil, or with a value of an error (err != syscall.EAGAIN,
// errors.Is(err, ErrBusy)), which only a failure can be.
func (m *matcher) testedForNil(lc *loopCtx, v *types.Var) bool {
	found := false
	ast.Inspect(lc.loop, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && !found {
			if _, ok := code.NilTest(m.info, e, v); ok || m.comparesErr(e, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// comparesErr reports whether e compares the error v with a value of an
// error: v == X, v != X, errors.Is(v, X).
func (m *matcher) comparesErr(e ast.Expr, v *types.Var) bool {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op != token.EQL && x.Op != token.NEQ {
			return false
		}
		return code.Var(m.info, x.X) == v && !code.IsNil(m.info, x.Y) || code.Var(m.info, x.Y) == v && !code.IsNil(m.info, x.X)
	case *ast.CallExpr:
		return code.IsPkgCall(m.info, x, "errors", "Is") && len(x.Args) == 2 && code.Var(m.info, x.Args[0]) == v
	}
	return false
}

// firstBefore returns the statement before the loop that makes the same call
// as c into the same variables, when the loop's condition goes on only
// while that call failed (err := op(); for err != nil && ... { ...; err = op() }).
func (m *matcher) firstBefore(lc *loopCtx, c *opCand) ast.Stmt {
	l, ok := lc.loop.(*ast.ForStmt)
	if !ok || l.Cond == nil || !code.Uses(m.info, l.Cond, c.err) || lc.block == nil {
		return nil
	}
	for i := lc.index - 1; i >= 0; i-- {
		s := lc.block[i]
		as, ok := s.(*ast.AssignStmt)
		if ok {
			if b := m.opOf(s, as); b != nil && b.err == c.err && types.ExprString(b.call) == types.ExprString(c.call) {
				return s
			}
		}
		if code.Assigned(m.info, s)[c.err] {
			return nil
		}
	}
	return nil
}

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
	if mc.op.before != nil {
		for _, p := range mc.runOp(st) {
			states = append(states, p.st)
		}
	} else {
		states = []*state{st}
	}
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
			best := keep[0]
			for _, s := range keep {
				if s.waitedLast() && !best.waitedLast() {
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
			if e.outcome == failed && !e.later && e.onMain(mainKey) {
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

// readOrChanged returns the variables the loop reads or changes.
func (lc *loopCtx) readOrChanged(info *types.Info) map[*types.Var]bool {
	out := maps.Clone(lc.changed)
	ast.Inspect(lc.loop, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				out[v] = true
			}
		}
		return true
	})
	return out
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
