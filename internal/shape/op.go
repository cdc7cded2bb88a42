package shape

import (
	"go/ast"
	"go/token"
	"go/types"
)

// successForm is how the loop leaves once the operation succeeds.
type successForm int

const (
	// eqNil: if err == nil { ...; return } (or err == nil || fatal).
	eqNil successForm = iota + 1
	// elseLeaves: if err != nil { ... } else { ...; return }.
	elseLeaves
	// continueThenLeave: if err != nil { ...; continue }, then code that leaves.
	continueThenLeave
)

// opInfo is the operation a loop repeats and how it leaves on success.
type opInfo struct {
	stmt    ast.Stmt // the assignment, or the if whose Init assigns
	call    *ast.CallExpr
	err     *types.Var
	success *ast.IfStmt
	form    successForm
	after   []ast.Stmt // for continueThenLeave: the statements that leave
}

// operation finds, among the loop body's statements, a call whose error is
// tested so that the loop is left when it is nil and repeated otherwise.
func (m *matcher) operation(lc *loopCtx) *opInfo {
	list := lc.body.List
	for i, s := range list {
		switch s := s.(type) {
		case *ast.AssignStmt:
			call, v := m.opErr(s)
			if v == nil {
				continue
			}
			for j := i + 1; j < len(list); j++ {
				if ifs, ok := list[j].(*ast.IfStmt); ok && ifs.Init == nil {
					if op := m.successIf(lc, ifs, v, list[j+1:]); op != nil {
						op.stmt, op.call = s, call
						return op
					}
					if m.retriesOn(lc, ifs, v) {
						return nil
					}
				}
				if assigned(m.info, list[j])[v] || m.leaves(list[j]) {
					break
				}
			}
		case *ast.IfStmt:
			as, ok := s.Init.(*ast.AssignStmt)
			if !ok {
				continue
			}
			call, v := m.opErr(as)
			if v == nil {
				continue
			}
			if op := m.successIf(lc, s, v, list[i+1:]); op != nil {
				op.stmt, op.call = s, call
				return op
			}
			if m.retriesOn(lc, s, v) {
				return nil
			}
		}
	}
	return nil
}

// retriesOn reports whether ifs sends a failure of v round the loop again
// (if err != nil { ...; continue }) although success does not leave right
// after it. A later call tested the same way is then a second condition the
// loop waits for (get a status, then check it), which is polling; and if
// both calls are the retried work, no single one of them is the operation.
func (m *matcher) retriesOn(lc *loopCtx, ifs *ast.IfStmt, v *types.Var) bool {
	eq, ok := errCompare(m.info, ifs.Cond, v)
	return ok && !eq && ifs.Else == nil && m.endsInContinue(ifs.Body.List, lc)
}

// opErr returns the call and the error variable of an assignment such as
// err = op() or v, err := op(); nil when s is not one.
func (m *matcher) opErr(s *ast.AssignStmt) (*ast.CallExpr, *types.Var) {
	if len(s.Rhs) != 1 || (s.Tok != token.ASSIGN && s.Tok != token.DEFINE) {
		return nil, nil
	}
	call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	if tv, ok := m.info.Types[call.Fun]; ok && tv.IsType() {
		return nil, nil // a conversion
	}
	if m.isWaitCall(call) {
		return nil, nil
	}
	if p, name, ok := pkgFunc(m.info, call); ok {
		switch {
		case p == "errors" || p == "fmt" || p == "context":
			return nil, nil // builds an error, runs nothing
		case p == "os" && (name == "Stat" || name == "Lstat"):
			// asks whether a file exists yet: waiting for it is polling
			// for a condition, not retrying a call that failed
			return nil, nil
		}
	}
	if fn := methodOf(m.info, call); fn != nil && fn.Name() == "Err" && len(call.Args) == 0 {
		return nil, nil // ctx.Err()
	}
	for k := len(s.Lhs) - 1; k >= 0; k-- {
		v := objOf(m.info, s.Lhs[k])
		if v != nil && isError(v.Type()) {
			return call, v
		}
	}
	return nil, nil
}

// successIf reports whether ifs, testing v, leaves the loop on success and
// lets a failure go round again.
func (m *matcher) successIf(lc *loopCtx, ifs *ast.IfStmt, v *types.Var, after []ast.Stmt) *opInfo {
	op := &opInfo{err: v, success: ifs}
	eq, ok := errCompare(m.info, ifs.Cond, v)
	if !ok {
		if m.hasNilDisjunct(ifs.Cond, v) && m.leavesNormally(ifs.Body.List, lc) {
			op.form = eqNil
			return op
		}
		return nil
	}
	switch {
	case eq:
		if m.leavesNormally(ifs.Body.List, lc) {
			op.form = eqNil
			return op
		}
	case ifs.Else != nil:
		if els, ok := ifs.Else.(*ast.BlockStmt); ok && m.leavesNormally(els.List, lc) && !m.exitsLoop(ifs.Body.List, lc) {
			op.form = elseLeaves
			return op
		}
	default:
		if m.endsInContinue(ifs.Body.List, lc) && m.leavesNormally(after, lc) {
			op.form, op.after = continueThenLeave, after
			return op
		}
	}
	return nil
}

// leavesNormally reports whether stmts always leave the loop by return,
// break or goto. A success that ends in panic, log.Fatal or t.Fatal is a
// check that the call keeps failing, not a retry that succeeded.
func (m *matcher) leavesNormally(stmts []ast.Stmt, lc *loopCtx) bool {
	if !m.exitsLoop(stmts, lc) {
		return false
	}
	var last func(s ast.Stmt) bool
	last = func(s ast.Stmt) bool {
		switch s := s.(type) {
		case *ast.ReturnStmt, *ast.BranchStmt:
			return true
		case *ast.BlockStmt:
			return last(s.List[len(s.List)-1])
		case *ast.IfStmt:
			return last(s.Body.List[len(s.Body.List)-1]) && last(s.Else)
		}
		return false
	}
	return last(stmts[len(stmts)-1])
}

// hasNilDisjunct reports whether e is a || chain with "v == nil" in it.
func (m *matcher) hasNilDisjunct(e ast.Expr, v *types.Var) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || b.Op != token.LOR {
		return false
	}
	for _, x := range []ast.Expr{b.X, b.Y} {
		if eq, ok := errCompare(m.info, x, v); ok && eq {
			return true
		}
		if m.hasNilDisjunct(x, v) {
			return true
		}
	}
	return false
}

// onSuccessPath reports whether n runs only after the operation succeeded.
func (op *opInfo) onSuccessPath(n ast.Node) bool {
	in := func(block ast.Node) bool { return block != nil && n.Pos() >= block.Pos() && n.End() <= block.End() }
	switch op.form {
	case eqNil:
		return in(op.success.Body)
	case elseLeaves:
		return in(op.success.Else)
	case continueThenLeave:
		for _, s := range op.after {
			if in(s) {
				return true
			}
		}
	}
	return false
}

// retryPath lists the statements of the body that a failed attempt runs, in
// order, with the failure branch of the success test spliced in.
func (op *opInfo) retryPath(list []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range list {
		if s != op.success {
			out = append(out, s)
			continue
		}
		switch op.form {
		case eqNil:
			if els, ok := op.success.Else.(*ast.BlockStmt); ok {
				out = append(out, els.List...)
			}
		case elseLeaves:
			out = append(out, op.success.Body.List...)
		case continueThenLeave:
			return append(out, op.success.Body.List...)
		}
	}
	return out
}
