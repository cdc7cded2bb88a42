package shape

import (
	"go/ast"
	"go/token"
	"go/types"
)

// recursion recognises a function that retries by calling itself after a
// wait: err := op(); if err == nil { return nil }; wait; return f(..., n-1).
func (m *matcher) recursion(fd *ast.FuncDecl) *Finding {
	self, _ := m.info.Defs[fd.Name].(*types.Func)
	if self == nil {
		return nil
	}
	lc := &loopCtx{body: fd.Body, fn: fd}
	op := m.operation(lc)
	if op == nil {
		return nil
	}
	var waits []Wait
	for _, w := range m.waits(fd.Body.List, nil) {
		if !op.onSuccessPath(w.Stmt) && w.Stmt.Pos() > op.stmt.Pos() {
			waits = append(waits, w)
		}
	}
	if len(waits) == 0 || m.callsRetryLibrary(fd.Body) {
		return nil
	}
	var again *ast.CallExpr
	for _, s := range op.retryPath(fd.Body.List) {
		if s.Pos() < waits[0].Stmt.End() {
			continue
		}
		var call *ast.CallExpr
		switch s := s.(type) {
		case *ast.ReturnStmt:
			if len(s.Results) == 1 {
				call, _ = ast.Unparen(s.Results[0]).(*ast.CallExpr)
			}
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		}
		if call != nil && m.calls(call, self) {
			again = call
			break
		}
	}
	if again == nil {
		return nil
	}
	f := &Finding{
		Kind:      RetryFunc,
		LoopKind:  RetryFunc,
		Func:      fd,
		Recursion: again,
		Op:        op.stmt,
		Err:       op.err,
		Success:   op.success,
		Waits:     waits,
	}
	params := paramVars(m.info, fd)
	for i, a := range again.Args {
		if i >= len(params) || params[i] == nil {
			continue
		}
		if bin, ok := ast.Unparen(a).(*ast.BinaryExpr); ok && bin.Op == token.SUB && objOf(m.info, bin.X) == params[i] {
			if n, ok := constInt(m.info, bin.Y); ok && n == 1 {
				f.Counter = params[i]
			}
		}
	}
	f.Schedule = m.recursiveSchedule(waits[0], again, params)
	return f
}

// calls reports whether call calls fn (directly, or as a method on the same
// receiver).
func (m *matcher) calls(call *ast.CallExpr, fn *types.Func) bool {
	if id := selOrIdent(call.Fun); id != nil {
		return m.info.Uses[id] == fn
	}
	return false
}

// recursiveSchedule reads the delay of a self-calling retry: a constant, a
// parameter passed on unchanged (constant) or multiplied (exponential).
func (m *matcher) recursiveSchedule(w Wait, again *ast.CallExpr, params []*types.Var) Schedule {
	var s Schedule
	if w.Delay == nil {
		return s
	}
	if n, ok := constInt(m.info, w.Delay); ok {
		return Schedule{Kind: Constant, Initial: durationOf(n)}
	}
	p := objOf(m.info, w.Delay)
	for i, a := range again.Args {
		if p == nil || i >= len(params) || params[i] != p {
			continue
		}
		s.InitialExpr = w.Delay
		a = ast.Unparen(a)
		if objOf(m.info, a) == p {
			s.Kind = Constant
			return s
		}
		if bin, ok := a.(*ast.BinaryExpr); ok && objOf(m.info, bin.X) == p {
			if n, ok := constInt(m.info, bin.Y); ok {
				switch bin.Op {
				case token.MUL:
					s.Kind, s.Factor = Exponential, float64(n)
					return s
				case token.SHL:
					s.Kind, s.Factor = Exponential, float64(int64(1)<<n)
					return s
				case token.ADD:
					s.Kind, s.StepExpr = Linear, bin.Y
					return s
				}
			}
		}
	}
	return Schedule{Kind: Custom}
}
