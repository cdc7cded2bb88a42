package shape

// What a delay is made of: the variables of the schedule, and whatever else reads them.

import (
	"go/ast"
	"go/types"
	"sort"

	"github.com/retrylint/retrylint/internal/code"
)

func (a *reading) readsCounter(e ast.Expr) bool {
	return a.r.Bound.Counter != nil && a.reads(e, a.r.Bound.Counter.Var)
}

func (a *reading) isScheduleVar(e ast.Expr) bool {
	v := code.Var(a.m.info, e)
	for _, x := range a.r.Schedule.Vars {
		if x == v {
			return true
		}
	}
	return false
}

// exprWithValue finds an expression that never changes in the retry, among
// the wait's delay, the schedule's statements and the initial values of its
// variables, whose value is d.
func (a *reading) exprWithValue(d int64) ast.Expr {
	st := a.mc.entry()
	var found ast.Expr
	try := func(n ast.Node) {
		ast.Inspect(n, func(x ast.Node) bool {
			if found != nil {
				return false
			}
			e, ok := x.(ast.Expr)
			if !ok || !code.IsDuration(a.m.info.TypeOf(e)) || !a.invariant(e) {
				return true
			}
			if v := a.mc.eval(st, e); v.kind == intV && v.i == d && !v.rnd {
				found = e
				return false
			}
			return true
		})
	}
	try(a.r.Wait.Delay)
	for _, s := range a.r.Schedule.Stmts {
		try(s)
	}
	for _, v := range a.r.Schedule.Vars {
		if _, x := a.m.lastAssign(a.lc, v); x != nil {
			try(x)
		}
	}
	return found
}

// invariant reports whether e has the same value before the loop as
// anywhere in it: it reads nothing the loop changes or declares, and calls
// nothing but conversions, builtins and package math.
func (a *reading) invariant(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, isVar := a.m.info.Uses[n].(*types.Var); isVar && (a.lc.changed[v] || code.DeclaredIn(v, a.lc.loop)) {
				ok = false
			}
		case *ast.CallExpr:
			if code.IsConversion(a.m.info, n) || code.BuiltinName(a.m.info, n) != "" || a.m.minMax(n) != "" {
				return ok
			}
			if p, _, isFn := code.PkgFunc(a.m.info, n); isFn && p == "math" {
				return ok
			}
			if fn := code.Method(a.m.info, n); fn != nil {
				if pp, tn := code.RecvNamed(fn); pp == "time" && tn == "Duration" {
					return ok
				}
			}
			ok = false
		case *ast.UnaryExpr:
			if n.Op.String() == "<-" {
				ok = false
			}
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}

// scheduleVars finds the variables the loop changes that only the wait's
// delay reads (delay := base; ... delay *= 2; if delay > max { delay = max
// }), and the statements of the loop that only compute them: the rewrite
// deletes both.
func (a *reading) scheduleVars() {
	s := &a.r.Schedule
	info := a.m.info
	vars := map[*types.Var]bool{}
	ast.Inspect(a.r.Wait.Delay, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && a.lc.changed[v] && v != a.c.err && !code.DeclaredIn(v, a.lc.loop) && (a.r.Bound.Counter == nil || v != a.r.Bound.Counter.Var) {
				vars[v] = true
			}
		}
		return true
	})
	if len(vars) == 0 {
		return
	}
	// The statements of the body that set them: each must set nothing else
	// and read nothing but them, the counter and what never changes.
	var stmts []ast.Stmt
	var visit func(list []ast.Stmt) bool
	visit = func(list []ast.Stmt) bool {
		for _, st := range list {
			set := code.Assigned(info, st)
			touches := false
			for v := range vars {
				touches = touches || set[v]
			}
			if !touches {
				continue
			}
			if a.onlySchedule(st, vars) {
				stmts = append(stmts, st)
				continue
			}
			if !a.m.controls(st, a.lc, a.c) {
				return false // sets a schedule variable with something else
			}
			var ok bool
			switch st := st.(type) {
			case *ast.BlockStmt:
				ok = visit(st.List)
			case *ast.SelectStmt:
				// the wait: a case that waits out the delay may update it
				// for the next wait (case <-time.After(d): d *= 2), which
				// is the same as updating it before, as nothing but the
				// delay reads it
				// (what else reads it, readOutside tells below)
				ok = true
				for _, cc := range st.Body.List {
					ok = ok && visit(cc.(*ast.CommClause).Body)
				}
			case *ast.IfStmt:
				ok = !a.readsAny(st.Cond, vars) && (st.Init == nil || !a.readsAny(st.Init, vars)) && visit(st.Body.List)
				if els, isBlock := st.Else.(*ast.BlockStmt); ok && isBlock {
					ok = visit(els.List)
				} else if ok && st.Else != nil {
					ok = false
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}
	if !visit(a.lc.body.List) {
		return
	}
	// Nothing else reads them.
	for v := range vars {
		if a.readOutside(v, stmts) {
			return
		}
	}
	for v := range vars {
		s.Vars = append(s.Vars, v)
		if decl, _ := a.m.lastAssign(a.lc, v); decl != nil {
			a.r.Scaffold = append(a.r.Scaffold, a.declNode(decl, v))
		}
	}
	sort.Slice(s.Vars, func(i, j int) bool { return s.Vars[i].Pos() < s.Vars[j].Pos() })
	for _, st := range stmts {
		s.Stmts = append(s.Stmts, st)
		a.role(st, "schedule")
	}
}

// onlySchedule reports whether st sets only schedule variables, reads only
// them, the counter and what the loop never changes, and has no control
// flow of the loop's.
func (a *reading) onlySchedule(st ast.Stmt, vars map[*types.Var]bool) bool {
	switch st.(type) {
	case *ast.AssignStmt, *ast.IncDecStmt, *ast.IfStmt, *ast.BlockStmt:
	default:
		return false
	}
	if a.m.controls(st, a.lc, a.c) {
		return false
	}
	for v := range code.Assigned(a.m.info, st) {
		if !vars[v] {
			return false
		}
	}
	ok := true
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, isVar := a.m.info.Uses[n].(*types.Var); isVar && !vars[v] && (a.lc.changed[v] || code.DeclaredIn(v, a.lc.loop)) {
				if c := a.r.Bound.Counter; c == nil || v != c.Var {
					ok = false
				}
			}
		case *ast.CallExpr:
			if a.draws(n) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// readsAny reports whether n reads one of vars.
func (a *reading) readsAny(n ast.Node, vars map[*types.Var]bool) bool {
	return code.UsesAny(a.m.info, n, vars)
}

// readOutside reports whether v is read anywhere in the function but the
// wait's delay, the schedule's statements and its declaration.
func (a *reading) readOutside(v *types.Var, stmts []ast.Stmt) bool {
	decl, _ := a.m.lastAssign(a.lc, v)
	found := false
	ast.Inspect(a.lc.fnBody, func(n ast.Node) bool {
		if found || n == nil || n == a.r.Wait.Delay || n == ast.Node(decl) {
			return false
		}
		for _, st := range stmts {
			if n == ast.Node(st) {
				return false
			}
		}
		if id, ok := n.(*ast.Ident); ok && a.m.info.Uses[id] == v {
			found = true
		}
		return true
	})
	return found
}

// declNode returns the node that declares v in s: the value spec of a var
// block, or s itself.
func (a *reading) declNode(s ast.Stmt, v *types.Var) ast.Node {
	if ds, ok := s.(*ast.DeclStmt); ok {
		if gd, ok := ds.Decl.(*ast.GenDecl); ok && len(gd.Specs) > 1 {
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, n := range vs.Names {
					if a.m.info.Defs[n] == v && len(vs.Names) == 1 {
						return vs
					}
				}
			}
		}
	}
	return s
}

func hasVar(list []*types.Var, v *types.Var) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// custom records a delay the rewrite keeps as a function of the attempt: the
// wait's delay and the declarations just before it, reading nothing but the
// counter, the error and what never changes.
func (a *reading) custom(random bool) {
	s := &a.r.Schedule
	s.Kind = Custom
	if random {
		s.Jitter = CustomJitter
	}
	d := &DelayExpr{Expr: a.r.Wait.Delay, Defs: a.delayDefs()}
	if a.irregular && a.counterGuard(a.r.Wait) {
		d.Guard = a.r.Wait.Guard.Cond
	}
	if c := a.r.Bound.Counter; c != nil {
		// The counter where the delay is computed: at its first definition,
		// or at the wait (backoff := base << attempts; attempts++ reads it
		// before the step).
		at := func(ev *event) bool { return ev.kind == waitEvent }
		if len(d.Defs) > 0 {
			at = func(ev *event) bool { return ev.kind == stmtEvent && ev.stmt == d.Defs[0] }
		}
		for _, ev := range a.tr.main {
			if at(ev) && ev.op > 0 {
				if v, ok := ev.env[a.counterKey()]; ok && v.kind == intV {
					d.Counter = v.i - c.Step*int64(ev.op-1)
				}
				break
			}
		}
	}
	for _, st := range d.Defs {
		a.role(st, "schedule")
	}
	a.defScaffold(d.Defs)
	info := a.m.info
	stateful := false
	states := map[*types.Var]bool{}
	check := func(n ast.Node) {
		ast.Inspect(n, func(x ast.Node) bool {
			id, ok := x.(*ast.Ident)
			if !ok {
				return true
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok {
				return true
			}
			switch {
			case a.r.Bound.Counter != nil && v == a.r.Bound.Counter.Var:
				d.ReadsCounter = true
			case v == a.c.err:
				d.ReadsErr = true
			case a.definedBy(d.Defs, v):
			case a.lc.changed[v] || code.DeclaredIn(v, a.lc.loop):
				stateful = true
				states[v] = true
			}
			return true
		})
	}
	check(d.Expr)
	for _, st := range d.Defs {
		check(st)
	}
	if d.Guard != nil {
		check(d.Guard)
	}
	if stateful {
		for v := range states {
			sv, ok := a.doubling(v, d)
			if !ok {
				d.States = nil
				a.r.refuse(ReasonDelayState)
				break
			}
			d.States = append(d.States, sv)
			d.ReadsCounter = true
		}
		sort.Slice(d.States, func(i, j int) bool { return d.States[i].Var.Pos() < d.States[j].Var.Pos() })
	}
	for _, n := range append([]ast.Node{d.Expr}, stmtNodes(d.Defs)...) {
		for _, v := range a.c.results {
			if v != nil && v != a.c.err && a.reads(n, v) {
				a.r.refuse(ReasonDelayResult)
			}
		}
	}
	// The delay function computes the delay only before a wait: a delay that
	// draws or calls something, computed where the code may give up instead,
	// would be computed less often.
	d.Draws = a.draws(d.Expr)
	for _, st := range d.Defs {
		d.Draws = d.Draws || a.draws(st)
	}
	for _, st := range d.Defs {
		if a.draws(st) && a.onGiveUps(st) {
			a.r.refuse(ReasonDelayNoWait)
		}
		for v := range code.Assigned(info, st) {
			if a.readOutsideDelay(v, d) {
				d.Shared = append(d.Shared, v) // see sharedDelay
			}
		}
	}
	sort.Slice(d.Shared, func(i, j int) bool { return d.Shared[i].Pos() < d.Shared[j].Pos() })
	s.Delay = d
}

// sharedDelay checks the variables of the delay's definitions that
// something else reads too: only side work may, since a hook can compute
// them again (or read the delay from its Attempt), and only when computing
// them draws nothing, so that computing them twice changes nothing.
func (a *reading) sharedDelay() {
	d := a.r.Schedule.Delay
	if d == nil || len(d.Shared) == 0 {
		return
	}
	d.SharedIsDelay = len(d.Shared) == 1 && code.Var(a.m.info, d.Expr) == d.Shared[0]
	defer func() {
		// A delay that draws is drawn once, by the call: side work may
		// read it from its Attempt only.
		for _, sd := range a.r.Side {
			if sd.ReadsDelay && d.Draws && !a.delayOfAttempt(sd) {
				a.r.refuse(ReasonDelayUsed)
			}
		}
	}()
	for _, v := range d.Shared {
		ast.Inspect(a.lc.body, func(n ast.Node) bool {
			// the tests of the bound go (if backoff > limit { return err })
			if n == nil || n == ast.Node(d.Expr) || hasNode(stmtNodes(d.Defs), n) || hasNode(stmtNodes(a.r.Bound.Checks), n) ||
				n == ast.Node(a.r.Wait.Stmt) || hasNode(stmtNodes(a.r.Wait.Setup), n) {
				return false
			}
			id, ok := n.(*ast.Ident)
			if !ok || a.m.info.Uses[id] != v {
				return true
			}
			for i := range a.r.Side {
				sd := &a.r.Side[i]
				if code.Within(id, sd.Stmt) {
					sd.ReadsDelay = true
					return true
				}
			}
			a.r.refuse(ReasonDelayUsed)
			return true
		})
	}
}

// DelayOfAttempt reports whether side work s, which reads the delay's
// variable, may read the delay from its Attempt instead: the variable is
// the delay itself, and a retry follows wherever s runs (a.Delay is 0 after
// the attempt that gives up or runs out).
func (r *Retry) DelayOfAttempt(s Side) bool {
	d := r.Schedule.Delay
	return d != nil && d.SharedIsDelay && s.ReadsDelay && (s.When == BeforeRetry || r.Bound.Kind == Unbounded && s.When != EveryFailure || r.Bound.Kind == Unbounded && len(r.Classes) == 0)
}

func (a *reading) delayOfAttempt(s Side) bool { return a.r.DelayOfAttempt(s) }

func hasNode(list []ast.Node, n ast.Node) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

func stmtNodes(list []ast.Stmt) []ast.Node {
	out := make([]ast.Node, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// draws reports whether n calls anything but conversions, builtins, package
// math and time.Duration methods: a random draw, a stateful stepper.
func (a *reading) draws(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if code.IsConversion(a.m.info, call) || code.BuiltinName(a.m.info, call) != "" || a.m.minMax(call) != "" {
			return true
		}
		if p, _, isFn := code.PkgFunc(a.m.info, call); isFn && p == "math" {
			return true
		}
		if fn := code.Method(a.m.info, call); fn != nil {
			if pp, tn := code.RecvNamed(fn); pp == "time" && tn == "Duration" {
				return true
			}
		}
		found = true
		return false
	})
	return found
}

// readOutsideDelay reports whether v, set by a definition of the delay, is
// read by anything but the delay and its other definitions.
func (a *reading) readOutsideDelay(v *types.Var, d *DelayExpr) bool {
	found := false
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if n == d.Expr {
			return false
		}
		for _, st := range d.Defs {
			if n == st {
				return false
			}
		}
		if id, ok := n.(*ast.Ident); ok && a.m.info.Uses[id] == v {
			found = true
		}
		return true
	})
	return found
}

// blockOf returns the statements of the block that holds s.
func (a *reading) blockOf(s ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		for _, st := range code.StmtList(n) {
			if st == s {
				out = code.StmtList(n)
			}
		}
		if ifs, ok := n.(*ast.IfStmt); ok {
			for _, st := range ifs.Body.List {
				if st == s {
					out = ifs.Body.List
				}
			}
		}
		return out == nil
	})
	return out
}

// feedsDelay reports whether the variables st declares are read by the
// wait's delay (directly or through later declarations).
func (a *reading) feedsDelay(st ast.Stmt) bool {
	block := a.blockOf(a.r.Wait.Stmt)
	for v := range code.Assigned(a.m.info, st) {
		if a.reads(a.r.Wait.Delay, v) {
			return true
		}
		// a later declaration that feeds the delay reads it
		for _, other := range block {
			if other.Pos() > st.Pos() && other.Pos() < a.r.Wait.Stmt.Pos() && DeclaresOnly(other) && a.reads(other, v) && a.feedsDelay(other) {
				return true
			}
		}
	}
	return false
}

// definedBy reports whether one of defs declares v.
func (a *reading) definedBy(defs []ast.Stmt, v *types.Var) bool {
	for _, s := range defs {
		if code.Assigned(a.m.info, s)[v] {
			return true
		}
	}
	return false
}
