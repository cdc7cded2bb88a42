package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"slices"

	"github.com/retrylint/retrylint/internal/code"
)

// bound works out what ends the retries when every attempt fails: a count
// (read off the main path, with the machine run again with each stand-in
// changed to see which one is the limit), a time budget, or nothing.
func (a *reading) bound() {
	r, tr := a.r, a.tr
	if tr.end == nil {
		r.Bound.Kind = Unbounded
		if ifs := a.hiddenCount(); ifs != nil {
			// Bounded, by a count the rewrite could not write as Attempts.
			r.Bound.Checks = append(r.Bound.Checks, ifs)
			r.refuse(ReasonLimitUnknown)
			return
		}
		if tr.ops < a.mc.maxOps {
			// The main path stopped before the machine's limit, on a way
			// out that is not the end of its attempts: something else
			// bounds it (a test of a result beside the error).
			for _, ev := range tr.main {
				if ev.kind == forkEvent && ev.av.kind == resultAtom {
					// err == nil || len(got) >= want: success is
					// what the results say, whatever the limit
					r.refuse(ReasonResultSuccess)
				}
			}
			r.refuse(ReasonLimitUnknown)
			return
		}
		a.counter() // one that only counts, for the delay or a log
		return
	}
	if test, leave := a.budgetFork(tr.end); test != nil {
		a.budget(test, leave)
		return
	}
	r.Bound.Kind = ByCount
	if n, ok := tr.end.cond.(*ast.IfStmt); ok {
		r.Bound.Checks = append(r.Bound.Checks, n)
	}
	a.counter()
	a.attempts()
	// The code after the loop calls the operation again, to report why it
	// gave up: a limit of zero, which the rewrite turns into one attempt,
	// would add a call there.
	if r.Bound.Attempts.MayBeZero {
		for _, s := range a.lc.after() {
			if containsCall(s, a.c.call) {
				r.refuse(ReasonOpAfterLoop)
			}
		}
	}
}

// attempts works out the number of attempts.
func (a *reading) attempts() {
	r, tr := a.r, a.tr
	att := &r.Bound.Attempts
	// Which stand-in, if any, is the limit: changing it changes the count
	// by as much.
	var limit *key
	for k, v := range a.mc.probes {
		if v.kind != intV {
			continue
		}
		b := *a.mc
		b.bump = k
		b.steps = 0
		tr2 := b.run()
		if tr2.end == nil || tr2.stuck != nil {
			continue
		}
		switch d := tr2.ops - tr.ops; {
		case d == 0:
		case d == 7 && limit == nil:
			kk := k
			limit = &kk
		default:
			r.refuse(ReasonLimitUnknown)
			return
		}
	}
	if limit == nil {
		att.Const, att.IsConst = int64(tr.ops), true
		att.Limit, att.Offset = a.constLimit(int64(tr.ops))
		return
	}
	att.Limit = a.exprOfKey(*limit)
	if att.Limit == nil {
		r.refuse(ReasonLimitUnknown)
		return
	}
	if _, ok := ast.Unparen(att.Limit).(*ast.CallExpr); ok {
		r.refuse(ReasonLimitCall)
	}
	att.Offset = int64(tr.ops) - a.mc.probes[*limit].i
	att.Limit, att.Offset = a.fold(att.Limit, att.Offset)
	// Does a limit of zero or less leave the loop with no attempt at all?
	// The rewrite always makes one.
	for _, n := range []int64{0, -3} {
		b := *a.mc
		b.bump, b.bumpTo, b.steps = *limit, &n, 0
		if t := b.run(); t.ops == 0 {
			att.MayBeZero = true
		}
	}
}

// constLimit finds, among the integer constants the bound's test compares,
// the one the count is closest to, and the offset that makes the count.
func (a *reading) constLimit(n int64) (ast.Expr, int64) {
	var best ast.Expr
	bestOff := int64(math.MaxInt64)
	nodes := []ast.Node{a.tr.end.cond}
	if l, ok := a.lc.loop.(*ast.ForStmt); ok {
		nodes = append(nodes, l.Init)
	}
	if c := a.r.Bound.Counter; c != nil && c.Decl != nil {
		nodes = append(nodes, c.Decl)
	}
	for _, node := range nodes {
		if node == nil {
			continue
		}
		if r, ok := node.(*ast.RangeStmt); ok {
			node = r.X
		}
		ast.Inspect(node, func(x ast.Node) bool {
			e, ok := x.(ast.Expr)
			if !ok {
				return true
			}
			if v, ok := code.ConstInt(a.m.info, e); ok && isIntType(a.m.info.TypeOf(e)) {
				off := n - v
				if abs(off) < abs(bestOff) {
					best, bestOff = e, off
				}
				return false
			}
			return true
		})
	}
	if best == nil {
		return nil, 0
	}
	return a.fold(best, bestOff)
}

// fold moves the constant terms of a limit into the offset: n-1 with +1 is
// n. A constant limit is kept as written.
func (a *reading) fold(e ast.Expr, off int64) (ast.Expr, int64) {
	for {
		bin, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok || (bin.Op != token.ADD && bin.Op != token.SUB) {
			return e, off
		}
		if _, whole := code.ConstInt(a.m.info, bin); whole {
			return e, off
		}
		n, ok := code.ConstInt(a.m.info, bin.Y)
		if !ok {
			return e, off
		}
		if bin.Op == token.SUB {
			n = -n
		}
		e, off = bin.X, off+n
	}
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// exprOfKey returns an expression of the loop (its header, condition or
// body, or the counter's declaration) that names k.
func (a *reading) exprOfKey(k key) ast.Expr {
	var found ast.Expr
	nodes := []ast.Node{a.lc.loop}
	if c := a.r.Bound.Counter; c != nil && c.Decl != nil {
		nodes = append([]ast.Node{c.Decl}, nodes...)
	}
	for _, n := range nodes {
		ast.Inspect(n, func(x ast.Node) bool {
			if found != nil {
				return false
			}
			if e, ok := x.(ast.Expr); ok {
				kk, ok := keyOf(a.m.info, e)
				if !ok {
					kk, ok = getterKey(a.m.info, e)
				}
				if ok && kk == k {
					found = e
					return false
				}
			}
			return true
		})
	}
	return found
}

// counter finds the variable that counts the attempts: one the bound's test
// reads (or the range's key) that changes by one from each attempt to the
// next on the main path.
func (a *reading) counter() {
	r := a.r
	var cands []*types.Var
	switch l := a.lc.loop.(type) {
	case *ast.RangeStmt:
		if v := code.Var(a.m.info, l.Key); v != nil {
			cands = append(cands, v)
		}
	}
	if a.tr.end != nil {
		ast.Inspect(a.tr.end.cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := a.m.info.Uses[id].(*types.Var); ok && isIntType(v.Type()) {
					cands = append(cands, v)
				}
			}
			return true
		})
	}
	// A variable stepped by one on every pass counts the attempts even when
	// the bound does not read it (backoff := base << attempts; attempts++).
	cands = append(cands, a.steppedVars()...)
	ops := opEvents(a.tr.main)
	for _, v := range cands {
		k := key{v: v}
		if r, ok := a.lc.loop.(*ast.RangeStmt); ok && code.Var(a.m.info, r.Key) == v {
			k = rangeKey(a.m.info, r)
		}
		if len(ops) < 2 {
			break
		}
		// With the first attempt made before the loop, the counter is set
		// after it (err := op(); tries := 0; for err != nil && tries < n):
		// read it from the attempts of the loop, and its value at the first
		// attempt is one step before.
		counted := ops
		if b := a.c.before; b != nil && len(ops) >= 3 {
			_, set := ops[0].env[k]
			if decl, _ := a.m.lastAssign(a.lc, v); !set || decl != nil && decl.Pos() > b.End() {
				counted = ops[1:]
			}
		}
		at := func(ev *event) (value, bool) {
			v, ok := ev.env[k]
			if p, isProbe := a.mc.probes[k]; !ok && isProbe {
				// a parameter counted down: the caller's value until
				// the first step
				return p, true
			}
			return v, ok
		}
		first, ok1 := at(counted[0])
		second, ok2 := at(counted[1])
		if !ok1 || !ok2 || first.kind != intV || second.kind != intV {
			continue
		}
		step := second.i - first.i
		if step != 1 && step != -1 {
			continue
		}
		regular := true
		for i := 1; i < len(counted); i++ {
			cur, _ := at(counted[i])
			prev, _ := at(counted[i-1])
			if cur.i-prev.i != step {
				regular = false
			}
		}
		if !regular {
			continue
		}
		c := &Counter{Var: v, First: first.i - step*int64(len(ops)-len(counted)), Step: step}
		if a.tr.end != nil {
			if end, ok := a.tr.end.env[k]; ok && end.kind == intV {
				c.Exhausted = end.i - int64(a.tr.ops)
			}
		}
		if first.probe {
			c.First = 0 // counts down from a limit: its value is the limit's
		}
		if !code.DeclaredIn(v, a.lc.loop) {
			c.Decl, _ = a.m.lastAssign(a.lc, v)
			if c.Decl != nil {
				r.Scaffold = append(r.Scaffold, a.declNode(c.Decl, v))
			}
		}
		for _, ev := range a.tr.main {
			if ev.kind == stmtEvent && code.Assigned(a.m.info, ev.stmt)[v] && code.Within(ev.stmt, a.lc.body) {
				if !hasStmt(c.Steps, ev.stmt) {
					c.Steps = append(c.Steps, ev.stmt)
					a.role(ev.stmt, "counter step")
				}
			}
		}
		c.UsedAfter = a.m.usedOutside(a.lc.fnBody, v, a.lc.loop, c.Decl)
		if c.UsedAfter {
			r.refuse(ReasonCounterAfter)
		}
		ast.Inspect(a.lc.body, func(n ast.Node) bool {
			if fl, ok := n.(*ast.FuncLit); ok && code.Uses(a.m.info, fl, v) {
				r.refuse(ReasonCounterCaptured)
			}
			return true
		})
		r.Bound.Counter = c
		return
	}
}

// steppedVars returns the integer variables that the loop's post statement
// or a statement of its body (not of a nested block) steps by one: i++,
// attempts += 1, left--.
func (a *reading) steppedVars() []*types.Var {
	var out []*types.Var
	stmts := append([]ast.Stmt(nil), a.lc.body.List...)
	if f, ok := a.lc.loop.(*ast.ForStmt); ok && f.Post != nil {
		stmts = append(stmts, f.Post)
	}
	for _, s := range stmts {
		var x ast.Expr
		switch s := s.(type) {
		case *ast.IncDecStmt:
			x = s.X
		case *ast.AssignStmt:
			if (s.Tok == token.ADD_ASSIGN || s.Tok == token.SUB_ASSIGN) && len(s.Lhs) == 1 && len(s.Rhs) == 1 {
				if k, ok := code.ConstInt(a.m.info, s.Rhs[0]); ok && k == 1 {
					x = s.Lhs[0]
				}
			}
		}
		if id, ok := ast.Unparen(x).(*ast.Ident); ok {
			if v, ok := a.m.info.Uses[id].(*types.Var); ok && isIntType(v.Type()) && !code.IsDuration(v.Type()) {
				out = append(out, v)
			}
		}
	}
	return out
}

// opEvents returns the operation events of a path, in order.
func opEvents(evs []*event) []*event {
	var out []*event
	for _, ev := range evs {
		if ev.kind == opEvent {
			out = append(out, ev)
		}
	}
	return out
}

func hasStmt(list []ast.Stmt, s ast.Stmt) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// containsCall reports whether n makes a call written as call is.
func containsCall(n ast.Node, call *ast.CallExpr) bool {
	want := types.ExprString(call)
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if c, ok := x.(*ast.CallExpr); ok && types.ExprString(c) == want {
			found = true
		}
		return !found
	})
	return found
}

// budgetFork returns the test of a time budget that made the main path
// leave, if it did, and the value for which it leaves.
func (a *reading) budgetFork(e *exitPath) (ast.Expr, bool) {
	for _, ev := range e.events {
		if ev.kind != forkEvent {
			continue
		}
		if av := ev.av; av.kind == budgetAtom {
			return av.expr, ev.val
		}
	}
	return nil, false
}

// budget reads a time budget from the test that ends the main path when it
// is leave: time.Since(start) < limit, time.Now().Before(deadline) with
// deadline := time.Now().Add(limit), or time.Until(deadline) > 0.
func (a *reading) budget(test ast.Expr, leave bool) {
	r := a.r
	r.Bound.Kind = ByTime
	b := &Budget{Test: test}
	r.Bound.Budget = b
	if n, ok := a.tr.end.cond.(*ast.IfStmt); ok {
		r.Bound.Checks = append(r.Bound.Checks, n)
	}
	// The test must come after the wait: checked before each attempt, not
	// after a failure and before its wait.
	waitFirst, waits := false, false
	for _, ev := range a.tr.end.events {
		if ev.kind == waitEvent {
			waitFirst = true
		}
		if ev.kind == forkEvent && ev.av.kind == budgetAtom {
			break
		}
	}
	for _, ev := range a.tr.main {
		waits = waits || ev.kind == waitEvent
	}
	// Tested after a failure and before the wait, the budget gives up
	// once it has passed, or been reached (retry.GiveUpAfter, GiveUpAt);
	// tested before an attempt, it lets no attempt start past it
	// (retry.MaxElapsed). A loop that never waits and tests its budget in
	// its condition tests it before every attempt as after every failure.
	cond := false
	if f, ok := a.lc.loop.(*ast.ForStmt); ok && f.Cond != nil && code.Within(test, f.Cond) {
		cond = true
	}
	b.AfterFailure = !waitFirst && a.tr.end.op > 0 && (waits || !cond)
	info := a.m.info
	since := func(e ast.Expr) (*types.Var, bool) {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || !code.IsPkgCall(info, call, "time", "Since") || len(call.Args) != 1 {
			return nil, false
		}
		return code.Var(info, call.Args[0]), true
	}
	// strict checks that the loop goes on only while the time left is
	// strictly positive, as retry.MaxElapsed does: goOn is the comparison
	// under which the loop goes on, elapsed on its left.
	strict := func(op token.Token) {
		goOn := op
		if leave {
			goOn, _ = code.Negate(op)
		}
		switch {
		case b.AfterFailure && goOn == token.LSS:
			b.Reached = true
		case b.AfterFailure && goOn != token.LEQ:
			r.refuse(ReasonBudgetForm)
		case !b.AfterFailure && goOn != token.LSS:
			r.refuse(ReasonBudgetInclusive)
		}
	}
	switch t := ast.Unparen(test).(type) {
	case *ast.BinaryExpr:
		x, y, op := t.X, t.Y, t.Op
		if _, ok := since(y); ok {
			x, y, op = y, x, code.Flip(op)
		}
		if v, ok := since(x); ok && v != nil {
			b.Start, b.Limit = v, y
			strict(op)
			a.budgetStart(v)
			a.budgetZero()
			return
		}
		if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && code.IsPkgCall(info, call, "time", "Until") && len(call.Args) == 1 {
			if n, ok := code.ConstInt(info, y); ok && n == 0 {
				// time.Until(deadline) > 0 is elapsed < limit
				strict(code.Flip(op))
				a.deadline(call.Args[0])
				return
			}
		}
	case *ast.CallExpr:
		// start.Add(d).After(time.Now()) is time.Since(start) < d
		if v, d, op, ok := a.addedStart(t); ok {
			b.Start, b.Limit = v, d
			strict(op)
			a.budgetStart(v)
			a.budgetZero()
			return
		}
		// time.Now().Before(deadline), time.Now().After(deadline)
		if fn := code.Method(info, t); fn != nil && (fn.Name() == "Before" || fn.Name() == "After") && len(t.Args) == 1 {
			if now, ok := ast.Unparen(t.Fun.(*ast.SelectorExpr).X).(*ast.CallExpr); ok && code.IsPkgCall(info, now, "time", "Now") {
				if fn.Name() == "Before" {
					strict(token.LSS)
				} else {
					strict(token.GTR)
				}
				a.deadline(t.Args[0])
				return
			}
		}
	}
	r.refuse(ReasonBudgetForm)
}

// addedStart reads start.Add(d).After(time.Now()) (or .Before) as
// time.Since(start) op d: op is < for After, > for Before.
func (a *reading) addedStart(t *ast.CallExpr) (*types.Var, ast.Expr, token.Token, bool) {
	info := a.m.info
	fn := code.Method(info, t)
	if fn == nil || fn.Name() != "Before" && fn.Name() != "After" || len(t.Args) != 1 {
		return nil, nil, 0, false
	}
	now, ok := ast.Unparen(t.Args[0]).(*ast.CallExpr)
	if !ok || !code.IsPkgCall(info, now, "time", "Now") {
		return nil, nil, 0, false
	}
	add, ok := ast.Unparen(t.Fun.(*ast.SelectorExpr).X).(*ast.CallExpr)
	if !ok || len(add.Args) != 1 {
		return nil, nil, 0, false
	}
	if m := code.Method(info, add); m == nil || m.Name() != "Add" || !code.IsNamed(info.TypeOf(add), "time", "Time") {
		return nil, nil, 0, false
	}
	v := code.Var(info, add.Fun.(*ast.SelectorExpr).X)
	if v == nil {
		return nil, nil, 0, false
	}
	if fn.Name() == "After" {
		return v, add.Args[0], token.LSS, true
	}
	return v, add.Args[0], token.GTR, true
}

// budgetStart checks that the budget starts right before the loop.
func (a *reading) budgetStart(start *types.Var) {
	decl, x := a.m.lastAssign(a.lc, start)
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if decl == nil || !ok || !code.IsPkgCall(a.m.info, call, "time", "Now") {
		a.r.refuse(ReasonBudgetStart)
		return
	}
	if a.afterFirst(decl) {
		a.r.refuse(ReasonBudgetStart)
		return
	}
	if a.between(decl) {
		// Work runs between the start and the loop: the budget is what
		// is left of it when the retries start, and may be nothing.
		if a.lc.changed[start] {
			a.r.refuse(ReasonBudgetForm)
		}
		a.r.Bound.Budget.Begun = true
		a.r.change(ChangeMinOne)
		return
	}
	if !a.m.usedOutside(a.lc.fnBody, start, a.lc.loop, decl) {
		a.r.Scaffold = append(a.r.Scaffold, decl)
	}
}

// deadline reads a deadline set right before the loop as time.Now().Add(d).
func (a *reading) deadline(e ast.Expr) {
	b := a.r.Bound.Budget
	b.Deadline = e
	v := code.Var(a.m.info, e)
	if v == nil {
		a.r.refuse(ReasonBudgetForm)
		return
	}
	decl, x := a.m.lastAssign(a.lc, v)
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if decl == nil || !ok || len(call.Args) != 1 {
		// A deadline given from outside (a parameter): the budget is what
		// is left of it when the retries start, and may be nothing.
		if a.lc.changed[v] || code.DeclaredIn(v, a.lc.loop) {
			a.r.refuse(ReasonBudgetForm)
		}
		a.r.change(ChangeMinOne)
		return
	}
	fn := code.Method(a.m.info, call)
	if fn == nil || fn.Name() != "Add" {
		a.r.refuse(ReasonBudgetForm)
		return
	}
	now, ok := ast.Unparen(call.Fun.(*ast.SelectorExpr).X).(*ast.CallExpr)
	if !ok || !code.IsPkgCall(a.m.info, now, "time", "Now") {
		a.r.refuse(ReasonBudgetForm)
		return
	}
	if a.afterFirst(decl) {
		a.r.refuse(ReasonBudgetStart)
		return
	}
	if a.between(decl) {
		// Work runs between the deadline and the loop: the budget is
		// what is left of the deadline when the retries start, as for
		// one given from outside, and the deadline stays.
		if a.lc.changed[v] {
			a.r.refuse(ReasonBudgetForm)
		}
		a.r.change(ChangeMinOne)
		return
	}
	b.Limit = call.Args[0]
	a.budgetZero()
	if !a.m.usedOutside(a.lc.fnBody, v, a.lc.loop, decl) {
		a.r.Scaffold = append(a.r.Scaffold, decl)
	}
}

// between reports whether statements that call something stand between s
// and the loop: the budget would then start earlier than retry.Do's.
func (a *reading) between(s ast.Stmt) bool {
	started := false
	for _, x := range a.lc.block[:a.lc.index] {
		if x == s {
			started = true
			continue
		}
		if !started {
			continue
		}
		calls := false
		ast.Inspect(x, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && !code.IsConversion(a.m.info, c) {
				calls = true
			}
			return !calls
		})
		if calls {
			return true
		}
	}
	return !started
}

// afterFirst reports whether s comes after the first attempt, made before
// the loop: the budget would start later than retry.Do's.
func (a *reading) afterFirst(s ast.Stmt) bool {
	return a.c.before != nil && s.Pos() > a.c.before.Pos()
}

// budgetZero names the change a budget that may be spent before the first
// attempt makes: the loop then makes none, the rewrite one.
func (a *reading) budgetZero() {
	b := a.r.Bound.Budget
	if b.AfterFailure || b.Limit == nil {
		return
	}
	if n, ok := code.ConstInt(a.m.info, b.Limit); ok && n > 0 {
		return
	}
	a.r.change(ChangeMinOne)
}

// untouchedParam reports whether v is a parameter of the loop's function
// that nothing but the loop changes, and whose address is never taken: the
// loop sees it with the value the caller gave.
func (m *matcher) untouchedParam(lc *loopCtx, v *types.Var) bool {
	var ft *ast.FuncType
	switch fn := lc.fn.(type) {
	case *ast.FuncDecl:
		ft = fn.Type
	case *ast.FuncLit:
		ft = fn.Type
	}
	if ft == nil || !slices.Contains(code.Params(m.info, ft), v) {
		return false
	}
	touched := false
	ast.Inspect(lc.fnBody, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && code.Var(m.info, u.X) == v {
			touched = true // &retries: changed where the loop cannot see
		}
		return !touched
	})
	ast.Inspect(lc.fnBody, func(n ast.Node) bool {
		s, ok := n.(ast.Stmt)
		switch {
		case touched || n == lc.loop:
			return false // the loop's own changes are what the machine follows
		case !ok || s.Pos() <= lc.loop.Pos() && lc.loop.End() <= s.End():
			return true
		}
		touched = code.Assigned(m.info, s)[v]
		return false
	})
	return !touched
}
