package shape

import (
	"go/ast"
	"go/types"
	"math"
	"sort"
	"time"

	"github.com/retrylint/retrylint/internal/code"
)

// waits finds the wait of the main path: exactly one wait statement, after
// every failed attempt but perhaps the last, never before the first.
func (a *reading) waits() {
	r := a.r
	var w *Wait
	any := false
	for _, seg := range a.segs {
		for _, ev := range seg {
			any = any || ev.kind == waitEvent
		}
	}
	if !any {
		return // retried at once
	}
	for k, seg := range a.segs {
		n := 0
		for _, ev := range seg {
			if ev.kind != waitEvent {
				continue
			}
			n++
			if w == nil {
				w = ev.wait
			} else if ev.wait.Stmt != w.Stmt {
				r.refuse(ReasonTwoWaits)
			}
		}
		switch {
		case k == 0 && n > 0:
			r.refuse(ReasonWaitFirst)
		case n > 1:
			r.refuse(ReasonTwoWaits)
		case k == len(a.segs)-1 && a.tr.end != nil:
			if n == 0 {
				if w != nil {
					w.Skips |= SkipsLast
				}
			} else {
				r.change(ChangeFinalSleep)
			}
		case k > 0 && n == 0 && (k < len(a.segs)-1):
			r.refuse(ReasonWaitSome)
			a.irregular = true
		}
	}
	if w == nil {
		return
	}
	if a.tr.end != nil && len(a.segs) >= 2 {
		last := a.segs[len(a.segs)-1]
		waitedLast := false
		for _, ev := range last {
			if ev.kind == waitEvent {
				waitedLast = true
			}
		}
		if !waitedLast {
			w.Skips |= SkipsLast
		}
	}
	w.Guard = a.guardOf(w)
	if w.Guard != nil {
		a.role(w.Guard, "wait guard")
	}
	a.role(w.Stmt, "wait")
	// t.Stop() when the context ends first serves the wait's timer.
	if sel, ok := w.Stmt.(*ast.SelectStmt); ok {
		for _, c := range sel.Body.List {
			for _, s := range c.(*ast.CommClause).Body {
				if a.stopsTimer(s, w) {
					a.role(s, "wait setup")
				}
			}
		}
	}
	for _, s := range w.Setup {
		a.role(s, "wait setup") // always in the body: see timerSetup
	}
	if w.Kind == Helper && w.Helper == nil {
		r.refuse(ReasonHelperVar)
	}
	if w.Ctx != nil && a.r.Op.Ctx != nil && w.Ctx != a.r.Op.Ctx {
		r.refuse(ReasonWaitCtxOther)
	}
	if len(w.Other) > 0 {
		r.refuse(ReasonOtherChannel)
	}
	// if werr := pause(ctx, d); werr != nil { return werr }: an error of
	// the helper's own, which the retry package cannot return.
	if ifs, ok := w.Stmt.(*ast.IfStmt); ok && w.Kind == Helper && w.Ctx != nil && !w.HelperFact.ReturnsCtxErr {
		if as, ok := ifs.Init.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
			if v := code.Var(a.m.info, as.Lhs[0]); v != nil && code.Uses(a.m.info, ifs.Body, v) {
				r.refuse(ReasonHelperStops)
			}
		}
	}
	r.Wait = w
}

// guardOf returns the if statement around the wait that holds nothing but
// the wait, its setup and the declarations of its delay.
func (a *reading) guardOf(w *Wait) *ast.IfStmt {
	var guard *ast.IfStmt
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || guard != nil {
			return guard == nil
		}
		if ifs.Else != nil || ifs.Init != nil {
			return true
		}
		holds := false
		for _, s := range ifs.Body.List {
			if s == w.Stmt {
				holds = true
			}
		}
		if !holds {
			return true
		}
		for _, s := range ifs.Body.List {
			if s == w.Stmt || DeclaresOnly(s) || hasStmt(w.Setup, s) {
				continue
			}
			return true
		}
		guard = ifs
		return false
	})
	return guard
}

// schedule names the delays of the main path: constant, linear or
// exponential (with a cap), each checked against every delay the machine
// saw; or a delay the rewrite keeps as a function; or unknown.
func (a *reading) schedule() {
	r := a.r
	w := r.Wait
	if w == nil {
		r.Schedule.Kind = NoDelay
		return
	}
	if w.Delay == nil {
		r.Schedule.Kind = UnknownDelay
		r.refuse(ReasonDelayUnknown)
		return
	}
	a.scheduleVars()
	delays := a.delays(a.tr.main)
	random := false
	for _, d := range delays {
		if d.rnd {
			random = true
		}
	}
	known := len(delays) > 0
	for _, d := range delays {
		if d.kind != intV {
			known = false
		}
	}
	probed := false
	for _, d := range delays {
		probed = probed || d.probe
	}
	if random || !known || a.irregular {
		a.custom(random)
		return
	}
	seq := make([]int64, len(delays))
	for i, d := range delays {
		seq[i] = d.i
	}
	// A few delays cannot tell a schedule from another: see more of them,
	// by computing the delay for later attempts, or by running on past the
	// bound.
	if len(seq) < 5 && r.Bound.Kind == ByCount {
		if ext := a.extend(seq); ext != nil {
			seq = ext
		}
	}
	// Past a few dozen attempts an exponential delay overflows, in the loop
	// as in any computation: the schedule is named from the first ones.
	if len(seq) > 16 {
		seq = seq[:16]
	}
	if !a.named(seq, probed) {
		a.custom(false)
		return
	}
	// The declarations that compute the delay right before the wait go with
	// it, as long as nothing else reads them.
	d := &DelayExpr{Expr: r.Wait.Delay, Defs: a.delayDefs()}
	for _, st := range d.Defs {
		for v := range code.Assigned(a.m.info, st) {
			if a.readOutsideDelay(v, d) {
				a.custom(false)
				return
			}
		}
	}
	for _, st := range d.Defs {
		a.role(st, "schedule")
		r.Schedule.Stmts = append(r.Schedule.Stmts, st)
	}
}

// extend returns more delays than seq holds, of which seq is the start: the
// wait's delay computed for later attempts when it depends on nothing but
// the counter and what never changes, or the delays of a run past the bound.
func (a *reading) extend(seq []int64) []int64 {
	var waits []*event
	for _, ev := range a.tr.main {
		if ev.kind == waitEvent {
			waits = append(waits, ev)
		}
	}
	c := a.r.Bound.Counter
	if c != nil && len(waits) > 0 && a.stateless() {
		st := &state{env: waits[0].env, envShared: true, assume: map[string]atomVal{}}
		k := key{v: c.Var}
		if r, ok := a.lc.loop.(*ast.RangeStmt); ok && code.Var(a.m.info, r.Key) == c.Var {
			k = rangeKey(a.m.info, r)
		}
		start := st.env[k]
		var out []int64
		for i := int64(0); i < 8; i++ {
			st.set(k, value{kind: intV, i: start.i + i*c.Step})
			for _, d := range a.delayDefs() {
				a.mc.assign(st, d)
			}
			v := a.mc.eval(st, a.r.Wait.Delay)
			if v.kind != intV {
				return nil
			}
			out = append(out, v.i)
		}
		if prefixOfInts(seq, out) {
			return out
		}
		return nil
	}
	if a.tr.end == nil {
		return nil
	}
	more := *a.mc
	more.override = a.tr.end.cond
	more.maxOps = 8
	more.steps = 0
	t := more.run()
	if t.stuck != nil {
		return nil
	}
	ext := a.delays(t.main)
	if len(ext) <= len(seq) || !prefixOf(seq, ext) {
		return nil
	}
	out := make([]int64, len(ext))
	for i, d := range ext {
		out[i] = d.i
	}
	return out
}

// stateless reports whether the wait's delay (and the declarations just
// before it) reads nothing the loop changes but the counter.
func (a *reading) stateless() bool {
	ok := true
	c := a.r.Bound.Counter
	nodes := []ast.Node{a.r.Wait.Delay}
	defs := a.delayDefs()
	for _, d := range defs {
		nodes = append(nodes, d)
	}
	for _, n := range nodes {
		ast.Inspect(n, func(x ast.Node) bool {
			id, isID := x.(*ast.Ident)
			if !isID {
				return ok
			}
			v, isVar := a.m.info.Uses[id].(*types.Var)
			if !isVar || v == c.Var || a.definedBy(defs, v) {
				return ok
			}
			if a.lc.changed[v] || code.DeclaredIn(v, a.lc.loop) {
				ok = false
			}
			return ok
		})
	}
	return ok
}

// delayDefs returns the declarations just before the wait, in its block,
// that its delay reads (d := base << i).
func (a *reading) delayDefs() []ast.Stmt {
	var out []ast.Stmt
	for _, st := range a.blockOf(a.r.Wait.Stmt) {
		if st == a.r.Wait.Stmt || (a.r.Wait.Guard != nil && st == a.r.Wait.Guard) {
			break
		}
		if DeclaresOnly(st) && a.feedsDelay(st) {
			out = append(out, st)
		}
	}
	return out
}

func prefixOfInts(seq, ext []int64) bool {
	if len(ext) < len(seq) {
		return false
	}
	for i := range seq {
		if seq[i] != ext[i] {
			return false
		}
	}
	return true
}

// delays returns the delay of every wait of a path, in order.
func (a *reading) delays(evs []*event) []value {
	var out []value
	for _, ev := range evs {
		if ev.kind == waitEvent {
			out = append(out, ev.delay)
		}
	}
	return out
}

func prefixOf(seq []int64, ext []value) bool {
	for i, d := range seq {
		if ext[i].kind != intV || ext[i].i != d {
			return false
		}
	}
	return true
}

// named recognises seq as a constant, linear or exponential schedule,
// perhaps capped, and fills the schedule with expressions of the code for
// its first delay, step and cap.
func (a *reading) named(seq []int64, probed bool) bool {
	s := &a.r.Schedule
	if len(seq) == 0 {
		return false
	}
	d1 := seq[0]
	// A cap: the delays rise to a value and stay there.
	capAt := -1
	if n := len(seq); n >= 3 && seq[n-1] == seq[n-2] && seq[n-1] != d1 {
		c := seq[n-1]
		i := n - 1
		for i > 0 && seq[i-1] == c {
			i--
		}
		capAt = i
	}
	grow := seq
	if capAt > 0 {
		grow = seq[:capAt]
	}
	kind := Constant
	var step int64
	var factor float64
	switch {
	case allSame(seq):
		kind = Constant
	case len(grow) >= 2 && arithmetic(grow):
		kind, step = Linear, grow[1]-grow[0]
		if len(grow) == 2 && a.exponentialHint() && grow[0] != 0 && grow[1]%grow[0] == 0 {
			kind, factor = Exponential, float64(grow[1])/float64(grow[0])
		}
	case len(grow) >= 2 && grow[0] > 0:
		f, ok := geometric(grow)
		if !ok {
			return false
		}
		kind, factor = Exponential, f
	default:
		return false
	}
	// Check the formula, capped, against every delay.
	var capV int64 = -1
	if capAt > 0 {
		capV = seq[capAt]
	}
	for i, d := range seq {
		want := formula(kind, d1, step, factor, i)
		if capV >= 0 && want > capV {
			want = capV
		}
		if want != d {
			return false
		}
	}
	if capV >= 0 && d1 > capV {
		return false
	}
	s.Kind, s.Factor = kind, factor
	s.Initial = a.duration(d1, probed)
	if kind == Linear {
		s.Step = a.duration(step, probed)
		if !s.Step.IsConst && s.Step.Expr == nil {
			return false
		}
	}
	if capV >= 0 {
		c := a.duration(capV, probed)
		if !c.IsConst && c.Expr == nil {
			return false
		}
		s.Cap = &c
	}
	return s.Initial.IsConst || s.Initial.Expr != nil
}

// formula is the i-th (0-based) delay of a schedule, as retry computes it.
func formula(k ScheduleKind, d1, step int64, factor float64, i int) int64 {
	switch k {
	case Linear:
		return d1 + int64(i)*step
	case Exponential:
		if factor == math.Trunc(factor) {
			d := d1
			for j := 0; j < i; j++ {
				if d > math.MaxInt64/int64(factor) {
					return math.MaxInt64
				}
				d *= int64(factor)
			}
			return d
		}
		return int64(float64(d1) * math.Pow(factor, float64(i)))
	}
	return d1
}

func allSame(seq []int64) bool {
	for _, d := range seq {
		if d != seq[0] {
			return false
		}
	}
	return true
}

func arithmetic(seq []int64) bool {
	step := seq[1] - seq[0]
	if step == 0 {
		return false
	}
	for i := 2; i < len(seq); i++ {
		if seq[i]-seq[i-1] != step {
			return false
		}
	}
	return true
}

func geometric(seq []int64) (float64, bool) {
	f := float64(seq[1]) / float64(seq[0])
	if f <= 1 || math.IsInf(f, 0) {
		return 0, false
	}
	f = math.Round(f*1e6) / 1e6
	return f, true
}

// exponentialHint reports whether the delay's computation grows by
// multiplying or shifting, to tell a doubling from a linear step when two
// delays are all there is.
func (a *reading) exponentialHint() bool {
	hint := false
	nodes := []ast.Node{a.r.Wait.Delay}
	for _, s := range a.r.Schedule.Stmts {
		nodes = append(nodes, s)
	}
	for _, n := range nodes {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.BinaryExpr:
				if x.Op.String() == "<<" || x.Op.String() == "*" && (a.readsCounter(x.X) && a.readsCounter(x.Y)) {
					hint = true
				}
				if x.Op.String() == "*" && (a.isScheduleVar(x.X) || a.isScheduleVar(x.Y)) {
					hint = true
				}
			case *ast.AssignStmt:
				if x.Tok.String() == "*=" || x.Tok.String() == "<<=" {
					hint = true
				}
			case *ast.CallExpr:
				if p, name, ok := code.PkgFunc(a.m.info, x); ok && p == "math" && (name == "Pow" || name == "Exp2") {
					hint = true
				}
			}
			return true
		})
	}
	return hint
}

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

// duration names a delay of the schedule: an expression of the code that
// has that value everywhere in the retry (the wait's delay when it never
// changes, the value a delay variable starts from, a constant or a
// parameter in its computation), or the value alone when it is a constant
// (probed says it may not be: it depends on an unknown).
func (a *reading) duration(d int64, probed bool) Duration {
	out := Duration{Expr: a.exprWithValue(d)}
	switch {
	case out.Expr != nil:
		if v, ok := code.ConstInt(a.m.info, out.Expr); ok {
			out.Value, out.IsConst = time.Duration(v), true
		}
	case !probed:
		out.Value, out.IsConst = time.Duration(d), true
	}
	return out
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
			if code.IsConversion(a.m.info, n) || code.BuiltinName(a.m.info, n) != "" {
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
	if c := a.r.Bound.Counter; c != nil {
		for _, ev := range a.tr.main {
			if ev.kind == waitEvent {
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
	info := a.m.info
	stateful := false
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
			}
			return true
		})
	}
	check(d.Expr)
	for _, st := range d.Defs {
		check(st)
	}
	if stateful {
		a.r.refuse(ReasonDelayState)
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
				a.r.refuse(ReasonDelayUsed)
			}
		}
	}
	s.Delay = d
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
		if code.IsConversion(a.m.info, call) || code.BuiltinName(a.m.info, call) != "" {
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

// String names the schedule kind, as in Go (Constant, Exponential, ...).
func (k ScheduleKind) String() string {
	return [...]string{"NoDelay", "Constant", "Linear", "Exponential", "Custom", "UnknownDelay"}[k]
}

// stopsTimer reports whether s is t.Stop() for the timer of the wait.
func (a *reading) stopsTimer(s ast.Stmt, w *Wait) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Stop" {
		return false
	}
	t := code.Var(a.m.info, sel.X)
	return t != nil && code.IsTimer(t.Type())
}
