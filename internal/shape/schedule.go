package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"time"

	"github.com/retrylint/retrylint/internal/code"
)

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
	a.defScaffold(d.Defs)
}

// extend returns more delays than seq holds, of which seq is the start: the
// wait's delay computed for later attempts when it depends on nothing but
// the counter and what never changes, or the delays of a run past the bound.
func (a *reading) extend(seq []int64) []int64 {
	var waits []*event
	for _, ev := range a.tr.main {
		if ev.kind == waitEvent && ev.op > 0 {
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
		if (DeclaresOnly(st) || a.wholeAssign(st) != nil) && a.feedsDelay(st) {
			out = append(out, st)
		}
	}
	return out
}

// wholeAssign returns v when st sets it whole (v = f(attempts)) from what
// does not read it, v being declared before the loop and used nowhere but
// in the loop: then st is a definition of the delay like d := f(attempts),
// and the declaration of v goes with the loop (defScaffold).
func (a *reading) wholeAssign(st ast.Stmt) *types.Var {
	as, ok := st.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	v := code.Var(a.m.info, as.Lhs[0])
	if v == nil || code.DeclaredIn(v, a.lc.loop) || a.reads(as.Rhs[0], v) {
		return nil
	}
	decl, _ := a.m.lastAssign(a.lc, v)
	if decl == nil || a.m.usedOutside(a.lc.fnBody, v, a.lc.loop, decl) {
		return nil
	}
	// set nowhere else in the loop
	n := 0
	ast.Inspect(a.lc.body, func(x ast.Node) bool {
		if s, ok := x.(ast.Stmt); ok && code.Assigned(a.m.info, s)[v] {
			if _, isAssign := s.(*ast.AssignStmt); isAssign {
				n++
			}
		}
		return true
	})
	if n != 1 {
		return nil
	}
	return v
}

// defScaffold adds to the scaffold the declarations before the loop of the
// variables that definitions of the delay set whole (wholeAssign).
func (a *reading) defScaffold(defs []ast.Stmt) {
	for _, st := range defs {
		if v := a.wholeAssign(st); v != nil {
			if decl, _ := a.m.lastAssign(a.lc, v); decl != nil {
				a.r.Scaffold = append(a.r.Scaffold, a.declNode(decl, v))
			}
		}
	}
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

// delays returns the delay of every wait of a path between attempts, in
// order: not that of a wait before the first attempt (Wait.First).
func (a *reading) delays(evs []*event) []value {
	var out []value
	for _, ev := range evs {
		if ev.kind == waitEvent && ev.op > 0 {
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

// String names the schedule kind, as in Go (Constant, Exponential, ...).
func (k ScheduleKind) String() string {
	return [...]string{"NoDelay", "Constant", "Linear", "Exponential", "Custom", "UnknownDelay"}[k]
}
