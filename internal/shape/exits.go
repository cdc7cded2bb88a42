package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
)

// exits reads the ways out of the retry off the trace: where success goes,
// where the exhausted attempts go, where the end of the context goes. Every
// exit of one kind must do the same whatever the attempt.
func (a *reading) exits(succ []*exitPath) {
	r := a.r
	if a.tr.stepRetried {
		r.refuse(ReasonStepRetried)
	}
	if a.tr.resultRetry {
		r.refuse(ReasonResultSuccess)
	}
	if a.tr.multi {
		r.refuse(ReasonMultiPath)
	}
	// Statements that ran after the call on the success path before any
	// exit-specific work also run after every failure: they are part of
	// each attempt.
	var first *Exit
	for _, e := range succ {
		for _, ev := range e.events {
			if ev.kind == forkEvent && ev.av.kind == resultAtom {
				r.refuse(ReasonResultSuccess)
			}
		}
		x := a.exitOf(e)
		if first == nil {
			first = &x
			continue
		}
		if !sameExit(*first, x) {
			r.refuse(ReasonSuccessVaries)
		}
	}
	if first != nil {
		r.Exits.Success = *first
	}
	if a.tr.end != nil {
		r.Exits.Exhausted = a.exitOf(a.tr.end)
	}
	var interrupted *Exit
	ctxFirst := false // the context ends the loop before its first attempt too
	for i := range a.tr.exits {
		e := &a.tr.exits[i]
		kind := e.lastForkKind()
		switch {
		case kind == ctxAtom:
			ctxFirst = ctxFirst || e.op == 0
			if a.ownCtxCheck(e) {
				// ctx.Canceled() may say more, or less, than ctx.Err():
				// retry.Do watches only the latter
				r.refuse(ReasonOwnCtxCheck)
			}
			x := a.exitOf(e)
			if interrupted == nil {
				interrupted = &x
			} else if !sameExit(*interrupted, x) {
				r.refuse(ReasonInterrupt)
			}
		case kind == otherAtom && (e.outcome == failed || e.outcome == noOutcome && e.t.kind == leaveLoop):
			// Failed, or failed and then another call set the error before
			// the loop was left (the last try of a select case on a
			// timeout, then break): either way, the loop left on a
			// condition of its own. A test of another call's error that
			// returns is a guard of the attempt (see inGuard).
			if a.selectOther(e) {
				switch {
				case a.stopChan(e):
					// a stop channel: retry.WaitsEndOn or retry.StopBefore
				case a.waitListens():
					r.refuse(ReasonOtherChannel) // the select is the wait
				default:
					r.refuse(ReasonStopChannel)
				}
				if r.Exits.Stopped == nil {
					x := a.exitOf(e)
					r.Exits.Stopped = &x
				}
			} else {
				r.refuse(ReasonOwnCondition)
			}
		}
		if e.outcome == noOutcome && e.op > 0 && e.t.kind != leaveLoop && !a.inGuard(e) {
			r.refuse(ReasonPreExit)
		}
		switch e.t.kind {
		case aborted:
			// The last attempt's failure may end the test or the program
			// (t.Fatalf once the tries run out): after retry.Do, the same
			// call ends it at the same point. Any other path that does is
			// the loop's own.
			if !a.isEnd(e) && !a.givesUp(e) {
				r.refuse(ReasonNoReturnExit)
			}
		case leaveOuter:
			if b, ok := e.t.stmt.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
				r.refuse(ReasonGoto)
			} else {
				r.refuse(ReasonLeavesOuter)
			}
		}
	}
	// A select on a channel that is no wait the matcher knows (the C of a
	// timer made before the loop, a ticker, a channel of the code's own) and
	// that every failure goes through: the loop waits there, and a rewrite
	// that dropped the select would retry at once.
	for _, ev := range a.tr.main {
		if ev.kind == forkEvent && ev.val && ev.av.kind == otherAtom && strings.HasPrefix(ev.atom, "select case ") && ev.atom != "select case default" {
			r.refuse(ReasonChannelWait)
			// Nor is the delay known: the message must not say "no delay".
			r.Schedule.Kind = UnknownDelay
			break
		}
	}
	if w := a.r.Wait; w != nil && len(w.Other) > 0 && (r.Exits.Stop == nil || r.Exits.Stop.Clause != w.Other[0]) ||
		w != nil && w.Stop != nil && (r.Exits.Stop == nil || r.Exits.Stop.Chan != w.Stop) {
		// a channel the wait listens to that no exit read as a stop
		r.refuse(ReasonOtherChannel)
	}
	r.Exits.Interrupted = interrupted
	if ctxFirst {
		// for ctx.Err() == nil { ... }: the loop tests its context before
		// the first attempt too, and makes none once it ended; retry.Do
		// always makes the first.
		r.Exits.CtxFirst = true
	}
	if ctxFirst && a.r.Wait != nil && a.r.Wait.Ctx == nil {
		// the loop tests its context before each attempt, after a wait
		// that does not watch it: retry.Do would stop in the middle of
		// that wait, where the loop waited it out and then stopped
		r.refuse(ReasonPreExit)
	}
	if interrupted != nil && a.r.Wait != nil && a.r.Wait.Ctx == nil {
		// the loop tests the context itself (if ctx.Err() != nil): the
		// rewrite watches it between attempts
		a.r.Wait.Ctx = a.ctxTested()
		if !ctxFirst && a.waitsSomeTime() {
			// but not during its waits, which retry.Do would cut short
			// when the context ends: the loop waits the pause out, and
			// then calls again or stops
			r.refuse(ReasonWaitDeaf)
		}
	}
	if interrupted != nil {
		if a.r.Wait != nil && a.r.Wait.Ctx != nil {
			r.Exits.Ctx = a.r.Wait.Ctx
		} else {
			// a loop without a wait that tests its context between
			// attempts: the rewrite must watch it all the same
			r.Exits.Ctx = a.ctxTested()
		}
	}
	a.mirrorsOnSuccess()
}

// mirrorsOnSuccess refuses a mirror of the error (lastErr = err) that the
// success path reads: there it holds the error of the failure before, not
// the last error, which the rewrite would read instead.
func (a *reading) mirrorsOnSuccess() {
	r := a.r
	succ := r.Exits.Success
	nodes := stmtNodes(succ.Stmts)
	if succ.Return != nil {
		nodes = append(nodes, succ.Return)
	} else {
		nodes = append(nodes, stmtNodes(r.Loop.After)...)
	}
	for _, m := range r.Mirrors {
		for _, n := range nodes {
			if a.reads(n, m) {
				r.refuse(ReasonSideSets)
				return
			}
		}
	}
}

// isEnd reports whether e is the exit where the retries ran out.
func (a *reading) isEnd(e *exitPath) bool {
	end := a.tr.end
	return end != nil && e.op == end.op && e.t == end.t && e.outcome == end.outcome
}

// givesUp reports whether e is the exit of an error the code gives up on
// (see classes): t.Fatal(err) there ends the test at once in the loop, and
// after the call in the rewrite, which tests the error again.
func (a *reading) givesUp(e *exitPath) bool {
	return e.outcome == failed && e.lastForkKind() == errAtom && e.cond != nil && !e.onMainEnd(a) && !e.onMain(a.mainKey())
}

// waitsSomeTime reports whether some wait of the main path has a delay that
// may not be zero.
func (a *reading) waitsSomeTime() bool {
	for _, ev := range a.tr.main {
		if ev.kind == waitEvent && !(ev.delay.kind == intV && ev.delay.i == 0 && !ev.delay.rnd) {
			return true
		}
	}
	return false
}

// passedRetryTest reports whether the give-up exit e went past a test of
// the error, other than its own, the other way from the retried failures of
// the main path: its own test then does not say alone which failures give
// up.
func (a *reading) passedRetryTest(e *exitPath) bool {
	own := a.testCond(e.cond)
	for _, ev := range e.forks() {
		if ev.av.kind != errAtom || own != nil && ev.av.expr != nil && code.Within(ev.av.expr, own) {
			continue
		}
		for _, m := range a.tr.main {
			if m.kind == forkEvent && m.atom == ev.atom && m.val != ev.val {
				return true
			}
		}
	}
	return false
}

// ownCtxCheck reports whether the exit left on a context's method of the
// code's own (ctx.Canceled()).
func (a *reading) ownCtxCheck(e *exitPath) bool {
	for _, ev := range e.forks() {
		if ev.av.kind != ctxAtom || ev.av.expr == nil {
			continue
		}
		found := false
		ast.Inspect(ev.av.expr, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if fn := code.Method(a.m.info, call); fn != nil && isOwnCtxCheck(fn) {
					found = true
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

// selectOther reports whether the exit left by a select case on another
// channel than the timer's and the context's.
func (a *reading) selectOther(e *exitPath) bool {
	for _, ev := range e.events {
		if ev.kind == forkEvent && len(ev.atom) > 12 && ev.atom[:12] == "select case " {
			return true
		}
	}
	return false
}

// waitListens reports whether a wait of the loop is a select that also
// listens to another channel.
func (a *reading) waitListens() bool {
	for _, w := range a.lc.waits {
		if w != nil && w.listens() {
			return true
		}
	}
	return false
}

// ctxTested returns the context the loop tests with ctx.Err() or a select
// on ctx.Done().
func (a *reading) ctxTested() *types.Var {
	var found *types.Var
	// the whole loop: its condition may be the test (for ctx.Err() == nil)
	ast.Inspect(a.lc.loop, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if fn := code.Method(a.m.info, call); fn != nil && (fn.Name() == "Err" || fn.Name() == "Done") && len(call.Args) == 0 {
				sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
				if v := code.Var(a.m.info, sel.X); v != nil && code.IsContext(v.Type()) {
					found = v
				}
			}
		}
		return true
	})
	return found
}

// lastForkKind returns the kind of the last atom the exit decided.
func (e *exitPath) lastForkKind() atomKind {
	var k atomKind
	for _, ev := range e.events {
		if ev.kind == forkEvent {
			k = ev.av.kind
		}
	}
	return k
}

// exitOf describes an exit: the statements it ran since the operation that
// no stage explained, and where it went.
func (a *reading) exitOf(e *exitPath) Exit {
	x := Exit{}
	for _, ev := range e.events {
		if ev.kind == waitEvent && e.outcome == succeeded {
			// A wait on the way out after a success (conn.Close(); a
			// pause for the server to notice) is the exit's own work,
			// not a wait between attempts.
			x.Stmts = append(x.Stmts, ev.stmt)
			continue
		}
		if ev.kind != stmtEvent || a.roles[ev.stmt] != "" && a.roles[ev.stmt] != "side" {
			continue
		}
		if a.roles[ev.stmt] == "side" {
			continue // it runs as side work before the exit is taken
		}
		x.Stmts = append(x.Stmts, ev.stmt)
	}
	switch e.t.kind {
	case returned:
		x.Return = e.t.ret
	case aborted:
		x.Abort = e.t.stmt
	}
	if c := a.r.Bound.Counter; c != nil {
		for _, s := range x.Stmts {
			x.ReadsCounter = x.ReadsCounter || a.reads(s, c.Var)
		}
		if x.Return != nil {
			x.ReadsCounter = x.ReadsCounter || a.reads(x.Return, c.Var)
		}
		// The counter's value where the exit reads it, brought back to the
		// first attempt.
		env := e.env
		for _, ev := range e.events {
			if ev.kind == stmtEvent && a.reads(ev.stmt, c.Var) {
				env = ev.env
				break
			}
		}
		if v, ok := env[a.counterKey()]; ok && v.kind == intV {
			x.Counter = v.i - c.Step*int64(max(e.op, 1)-1)
		}
	}
	return x
}

// sameExit reports whether two exits run the same statements and leave the
// same way.
func sameExit(x, y Exit) bool {
	if !sameStmts(x.Stmts, y.Stmts) || (x.Return == nil) != (y.Return == nil) || x.Abort != y.Abort {
		return false
	}
	if x.Return != nil && x.Return != y.Return && types.ExprString(&ast.CallExpr{Fun: &ast.Ident{Name: "r"}, Args: x.Return.Results}) != types.ExprString(&ast.CallExpr{Fun: &ast.Ident{Name: "r"}, Args: y.Return.Results}) {
		return false
	}
	return true
}

// classes reads the tests of the error off the exits that give up: for each
// test, its condition under a failure, the value that gives up, the
// predicate it is, and its exit.
func (a *reading) classes() {
	r := a.r
	byTest := map[ast.Node][]*exitPath{}
	var tests []ast.Node
	for i := range a.tr.exits {
		e := &a.tr.exits[i]
		if e.outcome != failed || e.lastForkKind() != errAtom || e.onMainEnd(a) {
			continue
		}
		if e.onMain(a.mainKey()) {
			continue // an exhausted exit that also decided the error on the way
		}
		if e.cond == nil {
			// It gave up on a test the machine did not decide as a
			// condition (a case of a type switch): there is no test to
			// keep.
			r.refuse(ReasonClassUnknown)
			continue
		}
		if _, seen := byTest[e.cond]; !seen {
			tests = append(tests, e.cond)
		}
		byTest[e.cond] = append(byTest[e.cond], e)
	}
	sort.Slice(tests, func(i, j int) bool { return tests[i].Pos() < tests[j].Pos() })
	for _, t := range tests {
		es := byTest[t]
		c := Class{Test: t}
		c.Exit = a.exitOf(es[0])
		lastSeen := false
		for _, e := range es[1:] {
			if !sameExit(c.Exit, a.exitOf(e)) {
				r.refuse(ReasonGiveUpVaries)
			}
		}
		for _, e := range es {
			if e.op == a.tr.ops {
				lastSeen = true
			}
		}
		if a.tr.end != nil && !lastSeen && !sameExit(c.Exit, r.Exits.Exhausted) {
			r.refuse(ReasonLastGivesUp)
		}
		for _, e := range es {
			if a.passedRetryTest(e) {
				// if errors.Is(err, errBusy) { retry } else if err != nil
				// { return err }: the failures this test gives up on are
				// only those an earlier test did not retry, which the
				// test alone does not say
				r.refuse(ReasonClassUnknown)
			}
		}
		cond := a.testCond(t)
		if cond == nil {
			r.refuse(ReasonClassUnknown)
			continue
		}
		c.Cond = a.underFailure(cond)
		v := a.mc.eval(&state{env: map[key]value{{v: a.c.err}: {kind: errV, b: true}}, assume: es[0].assume, assumeShared: true}, c.Cond)
		if v.kind != boolV {
			r.refuse(ReasonClassUnknown)
			continue
		}
		c.GiveUpWhen = v.b
		if !a.errOnly(c.Cond) {
			r.refuse(ReasonClassUnknown)
		}
		c.Decls = a.declsOf(c.Cond)
		if ifs, ok := t.(*ast.IfStmt); ok && ifs.Init != nil {
			if as, ok := ifs.Init.(*ast.AssignStmt); ok && a.m.fromError(a.lc, as) {
				c.Decls = append(c.Decls, ifs.Init)
			}
		}
		for _, d := range c.Decls {
			a.role(d, "predicate")
		}
		c.Pred = a.predicate(c.Cond, c.GiveUpWhen)
		r.Classes = append(r.Classes, c)
	}
}

// mainKey is what the main path assumed of the error, at its last attempt.
func (a *reading) mainKey() map[string]bool {
	out := map[string]bool{}
	for _, ev := range sinceOpBefore(a.tr.main) {
		if ev.kind == forkEvent {
			out[ev.atom] = ev.val
		}
	}
	return out
}

// sinceOpBefore returns the events since the last operation of a path.
func sinceOpBefore(evs []*event) []*event { return sinceOp(evs) }

// testCond returns the condition of a test: an if's, or a case's (the
// values of a switch on the error compared with it, several joined by ||),
// or, for a default case, that none of the other cases holds.
func (a *reading) testCond(n ast.Node) ast.Expr {
	switch n := n.(type) {
	case *ast.IfStmt:
		return n.Cond
	case *ast.CaseClause:
		sw := switchOf(a.lc.loop, n)
		if sw == nil {
			return nil
		}
		if n.List != nil {
			return a.mc.caseCond(sw.Tag, n)
		}
		var others ast.Expr
		for _, c := range sw.Body.List {
			cc := c.(*ast.CaseClause)
			if cc == n {
				continue
			}
			cond := a.mc.caseCond(sw.Tag, cc)
			if others == nil {
				others = cond
				continue
			}
			others = a.m.boolExpr(&ast.BinaryExpr{X: others, Op: token.LOR, Y: cond, OpPos: cond.Pos()})
		}
		if others == nil {
			return nil
		}
		paren := a.m.boolExpr(&ast.ParenExpr{Lparen: others.Pos(), X: others, Rparen: others.End()})
		return a.m.boolExpr(&ast.UnaryExpr{OpPos: n.Pos(), Op: token.NOT, X: paren})
	}
	return nil
}

// switchOf returns the expression switch of within whose body holds cc.
func switchOf(within ast.Node, cc *ast.CaseClause) *ast.SwitchStmt {
	var found *ast.SwitchStmt
	ast.Inspect(within, func(n ast.Node) bool {
		if sw, ok := n.(*ast.SwitchStmt); ok && found == nil {
			for _, c := range sw.Body.List {
				if c == cc {
					found = sw
				}
			}
		}
		return found == nil
	})
	return found
}

// underFailure simplifies a condition knowing that the error is not nil:
// err == nil || x is x, err != nil && x is x.
func (a *reading) underFailure(e ast.Expr) ast.Expr {
	info := a.m.info
	e = ast.Unparen(e)
	b, ok := e.(*ast.BinaryExpr)
	if !ok || (b.Op != token.LOR && b.Op != token.LAND) {
		return e
	}
	x, y := a.underFailure(b.X), a.underFailure(b.Y)
	isNilTest := func(e ast.Expr, eq bool) bool {
		got, ok := code.NilTest(info, e, a.c.err)
		return ok && got == eq
	}
	// A term that does not read the error tests the bound (attempts >= max
	// || !retryable(err)): the bound is the call's own.
	noErr := func(e ast.Expr) bool {
		return !code.Uses(info, e, a.c.err) && !code.UsesAny(info, e, a.lc.predLocals)
	}
	switch b.Op {
	case token.LOR:
		if isNilTest(x, true) || noErr(x) && !noErr(y) {
			return y
		}
		if isNilTest(y, true) || noErr(y) && !noErr(x) {
			return x
		}
	case token.LAND:
		if isNilTest(x, false) {
			return y
		}
		if isNilTest(y, false) {
			return x
		}
		// retryable(err) && time.Since(start) < d: the term of the
		// bound is the call's own here too
		if a.boundTerm(x) && !noErr(y) {
			return y
		}
		if a.boundTerm(y) && !noErr(x) {
			return x
		}
	}
	if x == b.X && y == b.Y {
		return e
	}
	return a.m.built(&ast.BinaryExpr{X: x, Op: b.Op, OpPos: b.OpPos, Y: y}, a.m.typeOf(b))
}

// boundTerm reports whether e is the test of the time budget that bounds
// the retries.
func (a *reading) boundTerm(e ast.Expr) bool {
	b := a.r.Bound.Budget
	return b != nil && b.Test != nil && ast.Unparen(e) == ast.Unparen(b.Test)
}

// errOnly reports whether a condition reads nothing but the error, what
// never changes in the loop, and variables declared in the body only to be
// filled by the test (var ne net.Error; errors.As(err, &ne)).
func (a *reading) errOnly(e ast.Expr) bool {
	ok := true
	locals := a.lc.predLocals
	ast.Inspect(e, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID {
			return ok
		}
		v, isVar := a.m.info.Uses[id].(*types.Var)
		if !isVar || v == a.c.err || locals[v] {
			return ok
		}
		if a.lc.changed[v] || code.DeclaredIn(v, a.lc.loop) {
			ok = false
		}
		return ok
	})
	return ok
}

// predDecls finds the var declarations of the body with no values whose
// variables are used only in the conditions of ifs and cases (var ne
// net.Error; if errors.As(err, &ne) ...): they only serve tests of the
// error.
func (m *matcher) predDecls(lc *loopCtx) {
	lc.predLocals = map[*types.Var]bool{}
	for _, s := range lc.body.List {
		ds, ok := s.(*ast.DeclStmt)
		if !ok {
			continue
		}
		gd := ds.Decl.(*ast.GenDecl)
		if gd.Tok != token.VAR {
			continue
		}
		vars := declared(m.info, s)
		if len(vars) == 0 {
			continue
		}
		onlyConds := true
		for _, spec := range gd.Specs {
			if len(spec.(*ast.ValueSpec).Values) > 0 {
				onlyConds = false
			}
		}
		for _, v := range vars {
			if !m.usedOnlyInConds(lc, v) {
				onlyConds = false
			}
		}
		if onlyConds {
			lc.predVarDecls = append(lc.predVarDecls, s)
			for _, v := range vars {
				lc.predLocals[v] = true
			}
		}
	}
	// if t, ok := err.(interface{ Temporary() bool }); !ok || !t.Temporary():
	// the variables an if defines from an error serve its test.
	ast.Inspect(lc.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if as, ok := n.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && m.fromError(lc, as) {
				for _, l := range as.Lhs {
					if v := code.Var(m.info, l); v != nil {
						lc.predLocals[v] = true
					}
				}
			}
		}
		return true
	})
}

// fromError reports whether an assignment computes its values from an
// error alone: a type assertion of it, or a call with it as the only
// argument that is not a constant.
func (m *matcher) fromError(lc *loopCtx, as *ast.AssignStmt) bool {
	if len(as.Rhs) != 1 {
		return false
	}
	readsErr, readsOther := false, false
	ast.Inspect(as.Rhs[0], func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := m.info.Uses[id].(*types.Var)
		if !ok {
			return true
		}
		if code.IsError(v.Type()) {
			readsErr = true
		} else if lc.changed[v] || code.DeclaredIn(v, lc.loop) {
			readsOther = true
		}
		return true
	})
	if !readsErr || readsOther {
		return false
	}
	// It must not run anything of its own: a type assertion, or a function
	// of the error alone whose value for a nil error is known (code :=
	// status.Code(err)); errors.As needs a target, not this form.
	switch x := ast.Unparen(as.Rhs[0]).(type) {
	case *ast.TypeAssertExpr:
		return true
	case *ast.CallExpr:
		return len(x.Args) == 1 && m.testsError(x, code.Var(m.info, x.Args[0]))
	}
	return false
}

// declared returns the variables a declaration statement declares.
func declared(info *types.Info, s ast.Stmt) []*types.Var {
	var out []*types.Var
	if ds, ok := s.(*ast.DeclStmt); ok {
		for _, spec := range ds.Decl.(*ast.GenDecl).Specs {
			if vs, ok := spec.(*ast.ValueSpec); ok {
				for _, n := range vs.Names {
					if v, ok := info.Defs[n].(*types.Var); ok {
						out = append(out, v)
					}
				}
			}
		}
	}
	return out
}

// usedOnlyInConds reports whether every use of v in the body is inside the
// condition of an if or a case.
func (m *matcher) usedOnlyInConds(lc *loopCtx, v *types.Var) bool {
	var conds []ast.Node
	ast.Inspect(lc.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			conds = append(conds, n.Cond)
		case *ast.CaseClause:
			for _, e := range n.List {
				conds = append(conds, e)
			}
		}
		return true
	})
	ok := true
	ast.Inspect(lc.body, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || m.info.Uses[id] != v {
			return ok
		}
		in := false
		for _, c := range conds {
			if code.Within(id, c) {
				in = true
			}
		}
		ok = ok && in
		return ok
	})
	return ok
}

// declsOf returns the declarations of the variables a test fills.
func (a *reading) declsOf(cond ast.Expr) []ast.Stmt {
	var out []ast.Stmt
	for _, d := range a.lc.predVarDecls {
		for _, v := range declared(a.m.info, d) {
			if code.Uses(a.m.info, cond, v) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// predicate reads a test as a predicate of the error that holds when the code
// gives up: f(err), errors.Is(err, x) or err == x (and || chains of them),
// or the condition as written.
func (a *reading) predicate(cond ast.Expr, giveUpWhen bool) Predicate {
	info := a.m.info
	p := Predicate{Kind: PredExpr, Negated: !giveUpWhen}
	e := ast.Unparen(cond)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		e, p.Negated = ast.Unparen(u.X), !p.Negated
	}
	if ts := a.unequal(e); ts != nil {
		// err != A && err != B is !(err == A || err == B)
		p.Kind, p.Targets, p.Negated = PredEqual, ts, !p.Negated
		return p
	}
	var targets []ast.Expr
	kind := PredKind(0)
	for _, d := range code.Disjuncts(e) {
		d = ast.Unparen(d)
		switch x := d.(type) {
		case *ast.CallExpr:
			if code.IsPkgCall(info, x, "errors", "Is") && len(x.Args) == 2 && code.Var(info, x.Args[0]) == a.c.err && (kind == 0 || kind == PredIs) {
				kind, targets = PredIs, append(targets, x.Args[1])
				continue
			}
			if len(x.Args) == 1 && code.Var(info, x.Args[0]) == a.c.err && kind == 0 && len(code.Disjuncts(e)) == 1 && !code.IsConversion(info, x) && !a.methodOnErr(x) {
				p.Kind, p.Fun = PredCall, x.Fun
				return p
			}
		case *ast.BinaryExpr:
			if x.Op == token.EQL && (kind == 0 || kind == PredEqual) {
				if code.Var(info, x.X) == a.c.err && !code.IsNil(info, x.Y) {
					kind, targets = PredEqual, append(targets, x.Y)
					continue
				}
				if code.Var(info, x.Y) == a.c.err && !code.IsNil(info, x.X) {
					kind, targets = PredEqual, append(targets, x.X)
					continue
				}
			}
		}
		return Predicate{Kind: PredExpr, Negated: !giveUpWhen}
	}
	if kind != 0 {
		p.Kind, p.Targets = kind, targets
		return p
	}
	return Predicate{Kind: PredExpr, Negated: !giveUpWhen}
}

// unequal returns the values e says the error is none of (err != A &&
// err != B), nil when e is not such a test.
func (a *reading) unequal(e ast.Expr) []ast.Expr {
	info := a.m.info
	var out []ast.Expr
	for _, c := range code.Conjuncts(e) {
		x, ok := ast.Unparen(c).(*ast.BinaryExpr)
		if !ok || x.Op != token.NEQ {
			return nil
		}
		switch {
		case code.Var(info, x.X) == a.c.err && !code.IsNil(info, x.Y):
			out = append(out, x.Y)
		case code.Var(info, x.Y) == a.c.err && !code.IsNil(info, x.X):
			out = append(out, x.X)
		default:
			return nil
		}
	}
	return out
}

// methodOnErr reports whether call is a method of the error itself (a
// selector on err), not a function of it.
func (a *reading) methodOnErr(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && code.Var(a.m.info, sel.X) == a.c.err
}

// inGuard reports whether an exit leaves from one of the operation's guards.
func (a *reading) inGuard(e *exitPath) bool {
	for _, g := range a.r.Op.Guards {
		if e.t.stmt != nil && code.Within(e.t.stmt, g) {
			return true
		}
	}
	return false
}
