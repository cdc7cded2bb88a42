package shape

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// exactRecursion reports whether a self-calling retry is one a call of the
// retry package keeps exactly, filling its bound and exits when it is.
// Each call level must make the same attempt: the function's body is the
// operation, the test of its error, the test of the count, the wait and
// the call again, nothing else, and the call again passes every parameter
// on unchanged but the count (one less) and the delay (the schedule):
//
//	err := op(); if err == nil { return nil }; if n <= 1 { return err }; wait; return f(n-1, d*2)
//	err := op(); if err == nil || n <= 1 { return err }; wait; return f(n-1, d*2)
//	if err = op(); err != nil { if n--; n > 0 { wait; return f(n, 2*d) } }; return err
//
// The function returns only the error: the last one when the count runs
// out, nil on success, which is what retry.Do returns. The count is read as
// retry.Attempts(n): a count below 1 makes one attempt in both.
func (m *matcher) exactRecursion(fd *ast.FuncDecl, r *Retry, again *ast.CallExpr, params []*types.Var) bool {
	sig := r.Func.Sig
	body := fd.Body.List
	w := r.Wait
	c := r.Bound.Counter
	if sig == nil || sig.Results().Len() != 1 || !code.IsErrorType(sig.Results().At(0).Type()) ||
		r.Bound.Kind != ByCount || c == nil || w == nil || w.Kind != Sleep || w.Ctx != nil || w.Guard != nil || len(w.Setup) > 0 {
		return false
	}
	switch r.Schedule.Kind {
	case Constant, Linear, Exponential:
	default:
		return false
	}
	op := r.Op
	if len(body) == 0 || body[0] != op.Stmt || len(op.Results) != 1 || op.Results[0] != op.Err || op.Err == nil {
		return false
	}
	// The call again passes on every parameter but the count and the delay.
	delay := code.Var(m.info, w.Delay)
	if len(again.Args) != len(params) {
		return false
	}
	for i, a := range again.Args {
		p := params[i]
		if p == nil || p == c.Var || p == delay && delay != nil {
			continue
		}
		if code.Var(m.info, a) != p {
			return false
		}
	}
	// The attempt is the same at every level: it reads neither the count
	// nor the delay, nor anything the body changes.
	changed := code.Assigned(m.info, fd.Body)
	for v := range changed {
		if v != op.Err && code.Uses(m.info, op.Call, v) {
			return false
		}
	}
	if code.Uses(m.info, op.Call, c.Var) || delay != nil && code.Uses(m.info, op.Call, delay) {
		return false
	}
	ret, ok := m.lastReturnOf(body, again)
	if !ok {
		return false
	}
	var exits *Exits
	var classes []Class
	switch s := op.Stmt.(type) {
	case *ast.AssignStmt:
		exits = m.recursionTests(body[1:], op.Err, c.Var, w, ret)
	case *ast.IfStmt:
		exits, classes = m.recursionBranch(s, body[1:], op.Err, c.Var, w, ret)
	}
	if exits == nil {
		return false
	}
	r.Exits, r.Classes = *exits, classes
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if m.info.Defs[n] == c.Var {
				r.Bound.Attempts = Attempts{Limit: n}
			}
		}
	}
	return r.Bound.Attempts.Limit != nil
}

// lastReturnOf returns the return statement that makes the call again.
func (m *matcher) lastReturnOf(list []ast.Stmt, again *ast.CallExpr) (*ast.ReturnStmt, bool) {
	var found *ast.ReturnStmt
	ast.Inspect(&ast.BlockStmt{List: list}, func(n ast.Node) bool {
		if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 1 && ast.Unparen(ret.Results[0]) == again {
			found = ret
		}
		return found == nil
	})
	return found, found != nil
}

// recursionTests reads the statements after err := op(): the success test
// and the count test (in either order, or as one err == nil || n <= 1),
// then the wait and the call again.
func (m *matcher) recursionTests(list []ast.Stmt, err, n *types.Var, w *Wait, again *ast.ReturnStmt) *Exits {
	if len(list) < 3 || list[len(list)-2] != w.Stmt || list[len(list)-1] != again {
		return nil
	}
	tests := list[:len(list)-2]
	var out Exits
	success, exhausted := false, false
	for _, s := range tests {
		ifs, ok := s.(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
			return nil
		}
		ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return nil
		}
		returnsErr := code.Var(m.info, ret.Results[0]) == err
		returnsNil := code.IsNil(m.info, ret.Results[0])
		parts := code.Disjuncts(ifs.Cond)
		for _, d := range parts {
			switch {
			case m.isSuccessTest(d, err) && (returnsErr || returnsNil && len(parts) == 1):
				success = true
				out.Success = Exit{Return: ret}
			case m.isLastCount(d, n) && returnsErr:
				exhausted = true
				out.Exhausted = Exit{Return: ret}
			default:
				return nil
			}
		}
	}
	if !success || !exhausted {
		return nil
	}
	return &out
}

// recursionBranch reads if err = op(); err != nil { if n--; n > 0 { wait;
// return f(...) } }; return err.
func (m *matcher) recursionBranch(ifs *ast.IfStmt, rest []ast.Stmt, err, n *types.Var, w *Wait, again *ast.ReturnStmt) (*Exits, []Class) {
	eq, ok := code.NilTest(m.info, ifs.Cond, err)
	if !ok || eq || ifs.Else != nil || len(ifs.Body.List) == 0 || len(rest) != 1 {
		return nil, nil
	}
	last, ok := rest[0].(*ast.ReturnStmt)
	if !ok || len(last.Results) != 1 || code.Var(m.info, last.Results[0]) != err {
		return nil, nil
	}
	list := ifs.Body.List
	var classes []Class
	for _, s := range list[:len(list)-1] {
		c, ok := m.recursionClass(s, err)
		if !ok {
			return nil, nil
		}
		classes = append(classes, c)
	}
	inner, ok := list[len(list)-1].(*ast.IfStmt)
	if !ok || inner.Else != nil || len(inner.Body.List) != 2 || inner.Body.List[0] != w.Stmt || inner.Body.List[1] != again {
		return nil, nil
	}
	dec, ok := inner.Init.(*ast.IncDecStmt)
	if !ok || dec.Tok != token.DEC || code.Var(m.info, dec.X) != n || !m.isMoreLeft(inner.Cond, n) {
		return nil, nil
	}
	return &Exits{Success: Exit{Return: last}, Exhausted: Exit{Return: last}}, classes
}

// recursionClass reads a test of a failure's error that gives up at once
// (if p, ok := err.(permanent); ok { return p.error }, if errors.Is(err,
// errClosed) { return err }): an if that returns one value read off the
// error. Only tests that fail for a nil error, which the call then returns
// on success: the ok of a type assertion of err, errors.Is and errors.As
// of it.
func (m *matcher) recursionClass(s ast.Stmt, err *types.Var) (Class, bool) {
	ifs, ok := s.(*ast.IfStmt)
	if !ok || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return Class{}, false
	}
	ret, ok := ifs.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return Class{}, false
	}
	c := Class{Test: ifs, Cond: ifs.Cond, GiveUpWhen: true, Pred: Predicate{Kind: PredExpr}, Exit: Exit{Return: ret}}
	// What the test and the return read: the error, and what the init
	// declares from it.
	local := map[*types.Var]bool{err: true}
	if ifs.Init != nil {
		as, ok := ifs.Init.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
			return Class{}, false
		}
		ta, ok := ast.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr)
		if !ok || code.Var(m.info, ta.X) != err {
			return Class{}, false
		}
		okVar := code.Var(m.info, as.Lhs[1])
		if okVar == nil || code.Var(m.info, ifs.Cond) != okVar {
			return Class{}, false
		}
		for _, l := range as.Lhs {
			if v := code.Var(m.info, l); v != nil {
				local[v] = true
			}
		}
		c.Decls = []ast.Stmt{ifs.Init}
	} else {
		call, ok := ast.Unparen(ifs.Cond).(*ast.CallExpr)
		if !ok || len(call.Args) != 2 || code.Var(m.info, call.Args[0]) != err {
			return Class{}, false
		}
		if !code.IsPkgCall(m.info, call, "errors", "Is") && !code.IsPkgCall(m.info, call, "errors", "As") {
			return Class{}, false
		}
		if code.IsNil(m.info, call.Args[1]) {
			return Class{}, false
		}
		if code.IsPkgCall(m.info, call, "errors", "Is") {
			c.Pred = Predicate{Kind: PredIs, Targets: []ast.Expr{call.Args[1]}}
		}
	}
	pure := true
	for _, n := range []ast.Node{ifs.Cond, ret} {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.CallExpr:
				if _, _, isPkg := code.PkgFunc(m.info, x); !isPkg {
					pure = false // a call that may do more than read the error
				}
			case *ast.Ident:
				if v, ok := m.info.Uses[x].(*types.Var); ok && !local[v] && v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !isPkgLevel(v) {
					pure = false
				}
			}
			return pure
		})
	}
	return c, pure
}

// isPkgLevel reports whether v is a package-level variable.
func isPkgLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// isSuccessTest reports whether e is err == nil.
func (m *matcher) isSuccessTest(e ast.Expr, err *types.Var) bool {
	eq, ok := code.NilTest(m.info, e, err)
	return ok && eq
}

// isLastCount reports whether e says the attempt was the last one for a
// count n of attempts left, this one included: n <= 1, n < 2.
func (m *matcher) isLastCount(e ast.Expr, n *types.Var) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || code.Var(m.info, b.X) != n {
		return false
	}
	k, ok := code.ConstInt(m.info, b.Y)
	return ok && (b.Op == token.LEQ && k == 1 || b.Op == token.LSS && k == 2)
}

// isMoreLeft reports whether e says attempts are left once n counted this
// one: n > 0, n >= 1.
func (m *matcher) isMoreLeft(e ast.Expr, n *types.Var) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || code.Var(m.info, b.X) != n {
		return false
	}
	k, ok := code.ConstInt(m.info, b.Y)
	return ok && (b.Op == token.GTR && k == 0 || b.Op == token.GEQ && k == 1)
}
