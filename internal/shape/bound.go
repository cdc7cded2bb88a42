package shape

import (
	"go/ast"
	"go/token"
	"go/types"
)

// bounds is what limits a loop: a counter, a time budget, or nothing.
type bounds struct {
	kind     Kind
	counter  *types.Var
	decl     ast.Stmt
	steps    []ast.Stmt
	check    *ast.IfStmt
	attempts Attempts
	budget   *Budget
	// init is the counter's value at loop entry, when known.
	init    int64
	initOK  bool
	initExp ast.Expr
	dir     int // +1 counting up, -1 counting down
}

// bound works out the loop's limit. path is the failure path of its body.
func (m *matcher) bound(lc *loopCtx, path []ast.Stmt, op *opInfo) *bounds {
	if r, ok := lc.loop.(*ast.RangeStmt); ok {
		return m.rangeBound(lc, r)
	}
	l := lc.loop.(*ast.ForStmt)
	b := &bounds{}
	inBody := assigned(m.info, lc.body)

	// A counter in the header: for i := a; ...; i++.
	if l.Init != nil || l.Post != nil {
		c, initExpr := m.initVar(l.Init)
		dir := m.stepOf(l.Post, c)
		if c == nil || dir == 0 || inBody[c] {
			return nil
		}
		b.kind, b.counter, b.dir, b.initExp = CountedLoop, c, dir, initExpr
		b.init, b.initOK = constInt(m.info, initExpr)
	}

	if l.Cond != nil {
		if bud := m.budgetOf(lc, l.Cond, false); bud != nil {
			b.kind, b.budget = TimeBudget, bud
			return b
		}
		if b.counter == nil {
			c, ref := m.steppedVar(l.Cond, path, lc)
			if c == nil {
				return nil
			}
			if !m.whileCounter(lc, b, c, ref, path) {
				return nil
			}
		}
		limit, cont, ok := m.compare(l.Cond, b.counter, b.dir, false)
		if !ok {
			return nil
		}
		return m.withAttempts(b, limit, cont, true, false)
	}

	// No condition: the bound, if any, is an if in the body.
	for _, s := range path {
		ifs, ok := s.(*ast.IfStmt)
		if !ok || ifs.Init != nil || !m.exitsLoop(ifs.Body.List, lc) {
			continue
		}
		// if attempts >= max || !retryable(err) { return err }: the count
		// may share the if with other reasons to stop.
		var cmp ast.Expr
		for _, d := range disjuncts(ifs.Cond) {
			if b.counter == nil {
				if c, ref := m.steppedVar(d, path, lc); c != nil {
					if !m.whileCounter(lc, b, c, ref, path) {
						return nil
					}
				}
			}
			if b.counter != nil {
				if _, _, ok := m.compare(d, b.counter, b.dir, true); ok {
					cmp = d
					break
				}
			}
		}
		if cmp != nil {
			if limit, cont, ok := m.compare(cmp, b.counter, b.dir, true); ok {
				b.check = ifs
				checkBeforeOp := ifs.Pos() < op.stmt.Pos()
				stepBeforeCheck := false
				if len(b.steps) == 1 {
					stepBeforeCheck = b.steps[0].Pos() < ifs.Pos()
				}
				return m.withAttempts(b, limit, cont, checkBeforeOp, stepBeforeCheck)
			}
		}
		if bud := m.budgetOf(lc, ifs.Cond, true); bud != nil {
			bud.Check = ifs
			b.kind, b.budget = TimeBudget, bud
			return b
		}
	}
	if b.kind == WhileCounter {
		return nil // a stepped counter that bounds nothing
	}
	b.kind = Unbounded
	return b
}

// whileCounter fills b for a counter c declared before the loop and stepped
// once in its body.
// ref is an expression that reads c, used as the limit of a parameter
// counted down.
func (m *matcher) whileCounter(lc *loopCtx, b *bounds, c *types.Var, ref ast.Expr, path []ast.Stmt) bool {
	var steps []ast.Stmt
	dir := 0
	for _, s := range path {
		if d := m.stepOf(s, c); d != 0 {
			steps = append(steps, s)
			dir = d
		}
	}
	if len(steps) != 1 {
		return false
	}
	// The counter must change only by that step inside the loop.
	n := 0
	ast.Inspect(lc.body, func(x ast.Node) bool {
		if s, ok := x.(ast.Stmt); ok && s != steps[0] {
			switch s.(type) {
			case *ast.AssignStmt, *ast.IncDecStmt:
				if assigned(m.info, s)[c] {
					n++
				}
			}
		}
		return true
	})
	if n > 0 {
		return false
	}
	b.kind, b.counter, b.steps, b.dir = WhileCounter, c, steps, dir
	decl, init := m.lastAssign(lc, c)
	switch {
	case decl != nil:
		b.decl = decl
		if init == nil {
			b.init, b.initOK = 0, true // var attempts int
		} else {
			b.initExp = init
			b.init, b.initOK = constInt(m.info, init)
		}
	case c.Parent() != nil && lc.fn != nil && isParamOf(c, lc.fn):
		// a parameter counted down: for retries > 0 { ...; retries-- }
		b.initExp = ref
	default:
		return false
	}
	return true
}

// disjuncts splits a || chain into its terms.
func disjuncts(e ast.Expr) []ast.Expr {
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.LOR {
		return append(disjuncts(b.X), disjuncts(b.Y)...)
	}
	return []ast.Expr{e}
}

func isParamOf(v *types.Var, fn ast.Node) bool {
	var ft *ast.FuncType
	switch f := fn.(type) {
	case *ast.FuncDecl:
		ft = f.Type
	case *ast.FuncLit:
		ft = f.Type
	}
	return ft != nil && v.Pos() >= ft.Pos() && v.Pos() < ft.End()
}

// rangeBound handles for i := range n and for range n over an integer.
func (m *matcher) rangeBound(lc *loopCtx, r *ast.RangeStmt) *bounds {
	tv, ok := m.info.Types[r.X]
	if !ok {
		return nil
	}
	basic, ok := tv.Type.Underlying().(*types.Basic)
	if !ok || basic.Info()&types.IsInteger == 0 {
		return nil // a slice, map, channel or function: each pass gets another item
	}
	b := &bounds{kind: CountedLoop, dir: 1, init: 0, initOK: true}
	if r.Key != nil {
		b.counter = objOf(m.info, r.Key)
		if b.counter != nil && assigned(m.info, r.Body)[b.counter] {
			return nil
		}
	}
	b.attempts = m.fold(Attempts{Limit: r.X})
	return b
}

// initVar reads a header's init: i := a or i = a.
func (m *matcher) initVar(s ast.Stmt) (*types.Var, ast.Expr) {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || (as.Tok != token.DEFINE && as.Tok != token.ASSIGN) {
		return nil, nil
	}
	return objOf(m.info, as.Lhs[0]), as.Rhs[0]
}

// stepOf returns +1 or -1 when s steps c by one, 0 otherwise.
func (m *matcher) stepOf(s ast.Stmt, c *types.Var) int {
	if c == nil {
		return 0
	}
	switch s := s.(type) {
	case *ast.IncDecStmt:
		if objOf(m.info, s.X) == c {
			if s.Tok == token.INC {
				return 1
			}
			return -1
		}
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 || objOf(m.info, s.Lhs[0]) != c {
			return 0
		}
		if n, ok := constInt(m.info, s.Rhs[0]); ok && n == 1 {
			switch s.Tok {
			case token.ADD_ASSIGN:
				return 1
			case token.SUB_ASSIGN:
				return -1
			}
		}
		// c = c + 1
		if bin, ok := ast.Unparen(s.Rhs[0]).(*ast.BinaryExpr); ok && s.Tok == token.ASSIGN && objOf(m.info, bin.X) == c {
			if n, ok := constInt(m.info, bin.Y); ok && n == 1 {
				switch bin.Op {
				case token.ADD:
					return 1
				case token.SUB:
					return -1
				}
			}
		}
	}
	return 0
}

// steppedVar returns the variable compared in cond that the failure path
// steps, declared outside the loop.
func (m *matcher) steppedVar(cond ast.Expr, path []ast.Stmt, lc *loopCtx) (*types.Var, ast.Expr) {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return nil, nil
	}
	for _, side := range []ast.Expr{bin.X, bin.Y} {
		v := objOf(m.info, side)
		if v == nil || (v.Pos() >= lc.loop.Pos() && v.Pos() < lc.loop.End()) {
			continue
		}
		for _, s := range path {
			if m.stepOf(s, v) != 0 {
				return v, side
			}
		}
	}
	return nil, nil
}

// compare reads cond as a comparison of c with a limit and returns the limit
// and the relation "c rel limit" under which the loop goes on. exit means
// cond is the condition to leave, not to go on.
func (m *matcher) compare(cond ast.Expr, c *types.Var, dir int, exit bool) (ast.Expr, token.Token, bool) {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return nil, 0, false
	}
	var limit ast.Expr
	op := bin.Op
	switch {
	case objOf(m.info, bin.X) == c && !uses(m.info, bin.Y, c):
		limit = bin.Y
	case objOf(m.info, bin.Y) == c && !uses(m.info, bin.X, c):
		limit = bin.X
		op = flip(op)
	default:
		return nil, 0, false
	}
	if exit {
		var ok bool
		if op, ok = negate(op); !ok {
			return nil, 0, false
		}
	}
	if op == token.NEQ {
		if dir > 0 {
			op = token.LSS
		} else {
			op = token.GTR
		}
	}
	switch {
	case dir > 0 && (op == token.LSS || op == token.LEQ):
	case dir < 0 && (op == token.GTR || op == token.GEQ):
	default:
		return nil, 0, false
	}
	return limit, op, true
}

// negate returns the comparison that holds exactly when op does not: the
// condition to go on when op is the condition to stop.
func negate(op token.Token) (token.Token, bool) {
	switch op {
	case token.GEQ:
		return token.LSS, true
	case token.GTR:
		return token.LEQ, true
	case token.LEQ:
		return token.GTR, true
	case token.LSS:
		return token.GEQ, true
	case token.EQL:
		return token.NEQ, true
	}
	return op, false
}

// flip returns the comparison with its operands swapped: a < b is b > a.
func flip(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// withAttempts works out how many times the operation runs. The loop goes
// on while "counter cont limit"; the placement of the check relative to the
// operation and to the step shifts the count by one either way.
func (m *matcher) withAttempts(b *bounds, limit ast.Expr, cont token.Token, checkBeforeOp, stepBeforeCheck bool) *bounds {
	var a Attempts
	inclusive := 0
	if cont == token.LEQ || cont == token.GEQ {
		inclusive = 1
	}
	adj := 0
	switch {
	case checkBeforeOp && stepBeforeCheck:
		adj = -1
	case !checkBeforeOp && !stepBeforeCheck:
		adj = 1
	}
	if b.dir > 0 {
		if !b.initOK {
			return nil
		}
		a = Attempts{Limit: limit, Offset: int(-b.init) + inclusive + adj}
	} else {
		l, ok := constInt(m.info, limit)
		if !ok || b.initExp == nil {
			return nil
		}
		a = Attempts{Limit: b.initExp, Offset: int(-l) + inclusive + adj}
	}
	b.attempts = m.fold(a)
	return b
}

// fold moves constant terms of the limit into the offset (n-1 with +1 is n)
// and evaluates constant limits.
func (m *matcher) fold(a Attempts) Attempts {
	for {
		bin, ok := ast.Unparen(a.Limit).(*ast.BinaryExpr)
		if !ok || (bin.Op != token.ADD && bin.Op != token.SUB) {
			break
		}
		n, ok := constInt(m.info, bin.Y)
		if !ok {
			break
		}
		if _, whole := constInt(m.info, bin); whole {
			break // keep a constant limit as written
		}
		if bin.Op == token.SUB {
			n = -n
		}
		a.Limit, a.Offset = bin.X, a.Offset+int(n)
	}
	if n, ok := constInt(m.info, a.Limit); ok {
		a.Const, a.IsConst = n+int64(a.Offset), true
	}
	return a
}

// lastAssign finds the statement before the loop, in its enclosing blocks,
// that last sets v (v := 0, var v int, v = 0), and the value it sets (nil
// for a declaration without one).
func (m *matcher) lastAssign(lc *loopCtx, v *types.Var) (ast.Stmt, ast.Expr) {
	for enc := range lc.cur.Enclosing((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		var list []ast.Stmt
		switch n := enc.Node().(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		default:
			return nil, nil
		}
		i := 0
		for i < len(list) && list[i].End() <= lc.loop.Pos() {
			i++
		}
		for j := i - 1; j >= 0; j-- {
			s := list[j]
			if d, val, ok := m.sets(s, v); ok {
				return d, val
			}
			if assigned(m.info, s)[v] {
				return nil, nil // set in a way not understood
			}
		}
		if v.Pos() >= enc.Node().Pos() && v.Pos() < enc.Node().End() {
			return nil, nil // declared in this block, never set before the loop
		}
	}
	return nil, nil
}

// sets reports whether s sets v alone to a value: v := x, v = x, var v = x,
// var v T, or a var block declaring it.
func (m *matcher) sets(s ast.Stmt, v *types.Var) (ast.Stmt, ast.Expr, bool) {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if (s.Tok == token.DEFINE || s.Tok == token.ASSIGN) && len(s.Lhs) == len(s.Rhs) {
			for i, l := range s.Lhs {
				if objOf(m.info, l) == v {
					return s, s.Rhs[i], true
				}
			}
		}
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return nil, nil, false
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if m.info.Defs[n] != v {
					continue
				}
				if len(vs.Values) == 0 {
					return s, nil, true
				}
				if len(vs.Values) == len(vs.Names) {
					return s, vs.Values[i], true
				}
				return nil, nil, false
			}
		}
	}
	return nil, nil, false
}
