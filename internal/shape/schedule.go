package shape

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"time"
)

// schedule works out the delays between attempts by running the failure path
// of the loop body on numbers: a few passes give the first delays, and
// their differences and ratios name the schedule.
func (m *matcher) schedule(lc *loopCtx, op *opInfo, b *bounds, waits []Wait) Schedule {
	var s Schedule
	if len(waits) == 0 || waits[0].Delay == nil {
		return s // the helper computes its own delay
	}
	// free: caps, guards and exits ignored, to see how the delay grows.
	free := m.simulate(lc, op, b, waits, false)
	// exact: as the code runs, to see the first delay.
	exact := m.simulate(lc, op, b, waits, true)
	s.Cap = free.capExpr
	s.Jitter = free.jitter || exact.jitter
	if !exact.regularGuards() {
		s.Kind = Custom // if i == 0 { wait }: some failures are not followed by a wait
		return s
	}

	d := free.recorded
	switch {
	case len(d) == 0 || (len(d) == 1 && !m.invariant(lc, waits[0].Delay)):
		if m.invariant(lc, waits[0].Delay) && !free.jitter {
			s.Kind = Constant
		} else {
			s.Kind = Custom
			return s
		}
	case len(d) == 1 || allEqual(d):
		s.Kind = Constant
	case len(d) >= 3 && near(d[1].v-d[0].v, d[2].v-d[1].v):
		s.Kind = Linear
		if !d[0].probe && !d[1].probe {
			s.Step = time.Duration(d[1].v - d[0].v)
		}
	case len(d) >= 3 && d[0].v > 0 && d[1].v > 0 && near(d[1].v/d[0].v, d[2].v/d[1].v):
		s.Kind = Exponential
		s.Factor = math.Round(d[1].v/d[0].v*1e6) / 1e6
	default:
		s.Kind = Custom
		return s
	}
	if len(exact.recorded) > 0 && !exact.recorded[0].probe {
		s.Initial = time.Duration(exact.recorded[0].v)
	} else if len(exact.recorded) == 0 && len(d) > 0 && !d[0].probe {
		s.Initial = time.Duration(d[0].v)
	} else {
		s.InitialExpr = m.initialExpr(lc, waits[0].Delay)
	}
	return s
}

// initialExpr returns the first delay as written when it is not a constant:
// the delay expression itself when the loop never changes it, or the value
// its variable starts from.
func (m *matcher) initialExpr(lc *loopCtx, delay ast.Expr) ast.Expr {
	if m.invariant(lc, delay) {
		return delay
	}
	if v := objOf(m.info, delay); v != nil {
		if _, val := m.lastAssign(lc, v); val != nil && m.invariant(lc, val) {
			return val
		}
	}
	return nil
}

// invariant reports whether e reads nothing the loop assigns and draws no
// random numbers.
func (m *matcher) invariant(lc *loopCtx, e ast.Expr) bool {
	changed := assigned(m.info, lc.loop)
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if v, isVar := m.info.ObjectOf(n).(*types.Var); isVar && changed[v] {
				ok = false
			}
		case *ast.CallExpr:
			if tv, found := m.info.Types[n.Fun]; found && tv.IsType() {
				return true
			}
			if _, isBuiltin := m.info.ObjectOf(selOrIdent(n.Fun)).(*types.Builtin); isBuiltin {
				return true
			}
			if p, _, isFn := pkgFunc(m.info, n); isFn && p == "math" {
				return true
			}
			ok = false
		}
		return ok
	})
	return ok
}

// regularGuards reports whether every guarded wait skips at most the first
// pass (if i > 0 { wait }) and the last (if i < n-1 { wait }).
func (s *sim) regularGuards() bool {
	for _, seq := range s.guarded {
		if len(seq) > 0 && !seq[0] {
			seq = seq[1:]
		}
		if len(seq) > 0 && !seq[len(seq)-1] {
			seq = seq[:len(seq)-1]
		}
		for _, ran := range seq {
			if !ran {
				return false
			}
		}
	}
	return true
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func allEqual(d []val) bool {
	for _, x := range d[1:] {
		if !near(x.v, d[0].v) {
			return false
		}
	}
	return true
}

// val is a number met while simulating: a duration in nanoseconds, a
// count, or a truth value (1 or 0).
type val struct {
	v     float64
	rnd   bool // drawn from math/rand (taken as 0)
	probe bool // depends on a value unknown to the matcher
}

type ctrl int

const (
	goOn ctrl = iota
	nextPass
	leave
)

// sim runs the failure path of a loop body on numbers.
type sim struct {
	m        *matcher
	lc       *loopCtx
	op       *opInfo
	exact    bool // obey guards, caps and exits; otherwise ignore them
	vars     map[types.Object]val
	probes   map[types.Object]val
	changed  map[*types.Var]bool
	waitAt   map[ast.Stmt]*Wait
	recorded []val
	capExpr  ast.Expr
	jitter   bool
	failed   bool
	// evaluating holds the locals whose value before the loop is being
	// worked out, against definitions that refer back to them.
	evaluating map[*types.Var]bool
	// guarded records, pass by pass, whether each guarded wait ran.
	guarded map[*Wait][]bool
}

func (m *matcher) simulate(lc *loopCtx, op *opInfo, b *bounds, waits []Wait, exact bool) *sim {
	s := &sim{
		m: m, lc: lc, op: op, exact: exact,
		vars:    map[types.Object]val{},
		probes:  map[types.Object]val{},
		changed: assigned(m.info, lc.loop),
		waitAt:  map[ast.Stmt]*Wait{},
		guarded: map[*Wait][]bool{},

		evaluating: map[*types.Var]bool{},
	}
	for i := range waits {
		s.waitAt[waits[i].Stmt] = &waits[i]
	}
	// Values at loop entry of what the loop changes.
	for v := range s.changed {
		if v.Pos() >= lc.loop.Pos() && v.Pos() < lc.loop.End() {
			continue
		}
		decl, x := m.lastAssign(lc, v)
		switch {
		case decl == nil:
		case x == nil:
			s.vars[v] = val{}
		default:
			if xv, ok := s.eval(x); ok {
				s.vars[v] = xv
			}
		}
	}
	var post ast.Stmt
	var cond ast.Expr
	switch l := lc.loop.(type) {
	case *ast.ForStmt:
		if l.Init != nil {
			s.exec([]ast.Stmt{l.Init})
		}
		post, cond = l.Post, l.Cond
	case *ast.RangeStmt:
		if b.counter != nil {
			s.vars[b.counter] = val{}
		}
	}
	path := op.retryPath(lc.body.List)
	for pass := 0; pass < 6 && len(s.recorded) < 3 && !s.failed; pass++ {
		if exact && cond != nil {
			if c, ok := s.cond(cond); ok && !c {
				break
			}
		}
		if s.exec(path) == leave {
			break
		}
		if post != nil {
			s.exec([]ast.Stmt{post})
		} else if _, isRange := lc.loop.(*ast.RangeStmt); isRange && b.counter != nil {
			if c, ok := s.vars[b.counter]; ok {
				s.vars[b.counter] = val{v: c.v + 1, probe: c.probe}
			}
		}
	}
	return s
}

func (s *sim) exec(list []ast.Stmt) ctrl {
	for _, st := range list {
		if s.failed {
			return leave
		}
		if w := s.waitAt[st]; w != nil {
			if w.Delay == nil {
				s.failed = true
				return leave
			}
			d, ok := s.eval(w.Delay)
			if !ok {
				s.failed = true
				return leave
			}
			s.recorded = append(s.recorded, d)
			continue
		}
		if c := s.stmt(st); c != goOn {
			return c
		}
	}
	return goOn
}

func (s *sim) stmt(st ast.Stmt) ctrl {
	m := s.m
	switch st := st.(type) {
	case *ast.AssignStmt:
		s.assign(st)
	case *ast.IncDecStmt:
		if v := objOf(m.info, st.X); v != nil {
			if x, ok := s.vars[v]; ok {
				d := 1.0
				if st.Tok == token.DEC {
					d = -1
				}
				s.vars[v] = val{v: x.v + d, probe: x.probe, rnd: x.rnd}
			}
		}
	case *ast.DeclStmt:
		if gd, ok := st.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					obj := m.info.Defs[n]
					switch {
					case len(vs.Values) == 0:
						s.vars[obj] = val{}
					case len(vs.Values) == len(vs.Names):
						if x, ok := s.eval(vs.Values[i]); ok {
							s.vars[obj] = x
						} else {
							delete(s.vars, obj)
						}
					}
				}
			}
		}
	case *ast.IfStmt:
		if st.Init != nil {
			s.stmt(st.Init)
		}
		if v, x := s.capIf(st); v != nil && !s.exact {
			s.capExpr = x
			return goOn
		}
		if w := s.guardOf(st); w != nil {
			// if i < n-1 { wait }: ignored when looking at how delays grow,
			// obeyed (and remembered) when running as the code does.
			if s.exact {
				c, ok := s.cond(st.Cond)
				s.guarded[w] = append(s.guarded[w], !ok || c)
				if ok && !c {
					return goOn
				}
			}
			return s.exec(st.Body.List)
		}
		var take bool
		if c, ok := s.cond(st.Cond); ok && (s.exact || !s.m.exitsLoop(st.Body.List, s.lc)) {
			take = c
		} else {
			// Unknown, or ignored: stay on the failure path.
			take = !s.m.exitsLoop(st.Body.List, s.lc)
		}
		if take {
			return s.exec(st.Body.List)
		}
		if st.Else != nil {
			return s.exec([]ast.Stmt{st.Else})
		}
	case *ast.BlockStmt:
		return s.exec(st.List)
	case *ast.BranchStmt:
		switch st.Tok {
		case token.CONTINUE:
			return nextPass
		case token.BREAK, token.GOTO:
			return leave
		}
	case *ast.ReturnStmt:
		return leave
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok && m.isNoReturn(call) {
			return leave
		}
	}
	return goOn
}

// guardOf returns the wait that st guards, if st is if cond { wait }.
func (s *sim) guardOf(st *ast.IfStmt) *Wait {
	for _, b := range st.Body.List {
		if w := s.waitAt[b]; w != nil && w.Guard == st.Cond {
			return w
		}
	}
	return nil
}

// capIf recognises if d > max { d = max } and returns d and max.
func (s *sim) capIf(st *ast.IfStmt) (*types.Var, ast.Expr) {
	bin, ok := ast.Unparen(st.Cond).(*ast.BinaryExpr)
	if !ok || st.Else != nil || len(st.Body.List) != 1 || (bin.Op != token.GTR && bin.Op != token.GEQ) {
		return nil, nil
	}
	as, ok := st.Body.List[0].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil, nil
	}
	v := objOf(s.m.info, bin.X)
	if v == nil || objOf(s.m.info, as.Lhs[0]) != v || !isDuration(v.Type()) {
		return nil, nil
	}
	if types.ExprString(as.Rhs[0]) != types.ExprString(bin.Y) {
		return nil, nil
	}
	return v, bin.Y
}

func (s *sim) assign(st *ast.AssignStmt) {
	m := s.m
	if len(st.Lhs) != len(st.Rhs) {
		for _, l := range st.Lhs {
			if v := objOf(m.info, l); v != nil {
				delete(s.vars, v)
			}
		}
		return
	}
	for i, l := range st.Lhs {
		v := objOf(m.info, l)
		if v == nil {
			continue
		}
		rhs, ok := s.eval(st.Rhs[i])
		if st.Tok != token.ASSIGN && st.Tok != token.DEFINE {
			cur, known := s.vars[v]
			if !known || !ok {
				delete(s.vars, v)
				continue
			}
			rhs, ok = arith(opOf(st.Tok), cur, rhs)
		}
		if ok {
			s.vars[v] = rhs
		} else {
			delete(s.vars, v)
		}
	}
}

func opOf(assign token.Token) token.Token {
	switch assign {
	case token.ADD_ASSIGN:
		return token.ADD
	case token.SUB_ASSIGN:
		return token.SUB
	case token.MUL_ASSIGN:
		return token.MUL
	case token.QUO_ASSIGN:
		return token.QUO
	case token.SHL_ASSIGN:
		return token.SHL
	case token.SHR_ASSIGN:
		return token.SHR
	}
	return token.ILLEGAL
}

// cond evaluates a condition on the failure path: the operation's error is
// not nil there.
func (s *sim) cond(e ast.Expr) (bool, bool) {
	if eq, ok := errCompare(s.m.info, e, s.op.err); ok {
		return !eq, true
	}
	x, ok := s.eval(e)
	if !ok || x.rnd {
		return false, false
	}
	return x.v != 0, true
}

func (s *sim) eval(e ast.Expr) (val, bool) {
	m := s.m
	if cv, ok := constValue(m.info, e); ok {
		if cv.Kind() == constant.Bool {
			if constant.BoolVal(cv) {
				return val{v: 1}, true
			}
			return val{}, true
		}
		f, _ := constant.Float64Val(constant.ToFloat(cv))
		return val{v: f}, true
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return s.eval(e.X)
	case *ast.Ident:
		return s.lookup(m.info.ObjectOf(e))
	case *ast.SelectorExpr:
		if v, ok := m.info.ObjectOf(e.Sel).(*types.Var); ok {
			if base := objOf(m.info, e.X); base != nil && s.changed[base] {
				return val{}, false
			}
			return s.probe(v)
		}
		return val{}, false
	case *ast.UnaryExpr:
		x, ok := s.eval(e.X)
		if !ok {
			return val{}, false
		}
		switch e.Op {
		case token.SUB:
			x.v = -x.v
			return x, true
		case token.ADD:
			return x, true
		case token.NOT:
			x.v = b2f(x.v == 0)
			return x, true
		}
	case *ast.BinaryExpr:
		if eq, ok := errCompare(m.info, e, s.op.err); ok {
			return val{v: b2f(!eq)}, true
		}
		x, ok1 := s.eval(e.X)
		y, ok2 := s.eval(e.Y)
		switch e.Op {
		case token.LAND:
			if ok1 && x.v == 0 || ok2 && y.v == 0 {
				return val{}, true
			}
		case token.LOR:
			if ok1 && x.v != 0 || ok2 && y.v != 0 {
				return val{v: 1}, true
			}
		}
		if !ok1 || !ok2 {
			return val{}, false
		}
		return arith(e.Op, x, y)
	case *ast.CallExpr:
		return s.call(e)
	}
	return val{}, false
}

func (s *sim) lookup(obj types.Object) (val, bool) {
	if x, ok := s.vars[obj]; ok {
		return x, true
	}
	v, ok := obj.(*types.Var)
	if !ok || s.changed[v] {
		return val{}, false
	}
	if v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !isParamOf(v, s.lc.fn) {
		// a local the loop reads but never changes: its value before the loop
		if _, x := s.m.lastAssign(s.lc, v); x != nil && !s.evaluating[v] {
			s.evaluating[v] = true
			xv, ok := s.eval(x)
			delete(s.evaluating, v)
			if ok {
				s.vars[v] = xv
				return xv, true
			}
		}
	}
	return s.probe(v)
}

// probe stands for a value the loop reads but never changes (a parameter, a
// field): a fixed, unremarkable number, marked so that it is not reported.
func (s *sim) probe(v *types.Var) (val, bool) {
	if x, ok := s.probes[v]; ok {
		return x, true
	}
	x := val{v: float64(1000003 * (len(s.probes) + 7)), probe: true}
	if basic, ok := v.Type().Underlying().(*types.Basic); ok && basic.Info()&types.IsInteger != 0 && !isDuration(v.Type()) {
		x.v = float64(1000 + 37*len(s.probes)) // a count, large enough not to end the loop
	}
	s.probes[v] = x
	return x, true
}

func (s *sim) call(c *ast.CallExpr) (val, bool) {
	m := s.m
	if tv, ok := m.info.Types[c.Fun]; ok && tv.IsType() && len(c.Args) == 1 {
		x, ok := s.eval(c.Args[0])
		if basic, isBasic := tv.Type.Underlying().(*types.Basic); ok && isBasic && basic.Info()&types.IsInteger != 0 {
			x.v = math.Trunc(x.v)
		}
		return x, ok
	}
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
		if b, ok := m.info.ObjectOf(id).(*types.Builtin); ok && (b.Name() == "min" || b.Name() == "max") {
			return s.minMax(c, b.Name() == "min")
		}
	}
	if p, name, ok := pkgFunc(m.info, c); ok {
		switch p {
		case "math/rand", "math/rand/v2":
			s.jitter = true
			return val{rnd: true}, true
		case "math":
			switch name {
			case "Pow":
				if len(c.Args) == 2 {
					x, ok1 := s.eval(c.Args[0])
					y, ok2 := s.eval(c.Args[1])
					if ok1 && ok2 {
						return val{v: math.Pow(x.v, y.v), rnd: x.rnd || y.rnd, probe: x.probe || y.probe}, true
					}
				}
			case "Min", "Max":
				return s.minMax(c, name == "Min")
			case "Floor", "Ceil", "Round", "Trunc", "Abs":
				if len(c.Args) == 1 {
					x, ok := s.eval(c.Args[0])
					fn := map[string]func(float64) float64{"Floor": math.Floor, "Ceil": math.Ceil, "Round": math.Round, "Trunc": math.Trunc, "Abs": math.Abs}[name]
					x.v = fn(x.v)
					return x, ok
				}
			}
		}
		return val{}, false
	}
	if fn := methodOf(m.info, c); fn != nil {
		if pp, _ := recvNamed(fn); pp == "math/rand" || pp == "math/rand/v2" {
			s.jitter = true
			return val{rnd: true}, true
		}
	}
	return val{}, false
}

// minMax evaluates min/max; when caps are ignored, min(d, limit) is d and
// limit is recorded as the cap.
func (s *sim) minMax(c *ast.CallExpr, isMin bool) (val, bool) {
	if len(c.Args) == 0 {
		return val{}, false
	}
	if isMin && !s.exact && len(c.Args) == 2 {
		inv0, inv1 := s.m.invariant(s.lc, c.Args[0]), s.m.invariant(s.lc, c.Args[1])
		if inv0 != inv1 {
			grow, limit := c.Args[0], c.Args[1]
			if inv0 {
				grow, limit = limit, grow
			}
			s.capExpr = limit
			return s.eval(grow)
		}
	}
	out, ok := s.eval(c.Args[0])
	for _, a := range c.Args[1:] {
		x, ok2 := s.eval(a)
		if !ok || !ok2 {
			return val{}, false
		}
		if (isMin && x.v < out.v) || (!isMin && x.v > out.v) {
			out.v = x.v
		}
		out.rnd, out.probe = out.rnd || x.rnd, out.probe || x.probe
	}
	return out, ok
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func arith(op token.Token, x, y val) (val, bool) {
	out := val{rnd: x.rnd || y.rnd, probe: x.probe || y.probe}
	switch op {
	case token.ADD:
		out.v = x.v + y.v
	case token.SUB:
		out.v = x.v - y.v
	case token.MUL:
		out.v = x.v * y.v
	case token.QUO:
		if y.v == 0 {
			return val{}, false
		}
		out.v = x.v / y.v
	case token.REM:
		if y.v == 0 {
			return val{}, false
		}
		out.v = math.Mod(x.v, y.v)
	case token.SHL, token.SHR:
		if y.v < 0 || y.v > 62 {
			return val{}, false
		}
		if op == token.SHL {
			out.v = x.v * math.Pow(2, math.Trunc(y.v))
		} else {
			out.v = math.Trunc(x.v / math.Pow(2, math.Trunc(y.v)))
		}
	case token.LSS:
		out.v = b2f(x.v < y.v)
	case token.LEQ:
		out.v = b2f(x.v <= y.v)
	case token.GTR:
		out.v = b2f(x.v > y.v)
	case token.GEQ:
		out.v = b2f(x.v >= y.v)
	case token.EQL:
		out.v = b2f(x.v == y.v)
	case token.NEQ:
		out.v = b2f(x.v != y.v)
	case token.LAND:
		out.v = b2f(x.v != 0 && y.v != 0)
	case token.LOR:
		out.v = b2f(x.v != 0 || y.v != 0)
	default:
		return val{}, false
	}
	return out, true
}
