package shape

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// minMax names the function a call takes the smaller or the larger of two
// values with: "min" or "max" for the builtins, and for a function of the
// package written before them, func min(a, b time.Duration) time.Duration
// { if a < b { return a }; return b }; "" for anything else. A capped
// backoff written with either is the same schedule.
func (m *matcher) minMax(call *ast.CallExpr) string {
	if name := code.BuiltinName(m.info, call); name == "min" || name == "max" {
		return name
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 2 {
		return ""
	}
	fn, ok := m.info.Uses[id].(*types.Func)
	if !ok {
		return ""
	}
	decl := m.funcDecl(fn)
	if decl == nil || decl.Body == nil || len(decl.Body.List) != 2 {
		return ""
	}
	sig := fn.Type().(*types.Signature)
	if sig.Params().Len() != 2 || sig.Results().Len() != 1 {
		return ""
	}
	a, b := sig.Params().At(0), sig.Params().At(1)
	if !types.Identical(a.Type(), b.Type()) || !types.Identical(a.Type(), sig.Results().At(0).Type()) {
		return ""
	}
	if _, ok := a.Type().Underlying().(*types.Basic); !ok {
		return ""
	}
	// if x OP y { return p }; return q, with {x, y} = {p, q} = {a, b}
	ifs, ok := decl.Body.List[0].(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return ""
	}
	cmp, ok := ast.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok {
		return ""
	}
	p := m.returnedParam(ifs.Body.List[0])
	q := m.returnedParam(decl.Body.List[1])
	x, y := code.Var(m.info, cmp.X), code.Var(m.info, cmp.Y)
	if p == nil || q == nil || p == q || x == nil || y == nil || x == y || (p != a && p != b) || (q != a && q != b) || (x != a && x != b) || (y != a && y != b) {
		return ""
	}
	// It returns p when x OP y: the smaller when p is x and OP is < or <=,
	// or p is y and OP is > or >=.
	less := cmp.Op == token.LSS || cmp.Op == token.LEQ
	greater := cmp.Op == token.GTR || cmp.Op == token.GEQ
	switch {
	case p == x && less, p == y && greater:
		return "min"
	case p == x && greater, p == y && less:
		return "max"
	}
	return ""
}

// returnedParam returns the variable a return statement returns alone.
func (m *matcher) returnedParam(s ast.Stmt) *types.Var {
	r, ok := s.(*ast.ReturnStmt)
	if !ok || len(r.Results) != 1 {
		return nil
	}
	return code.Var(m.info, r.Results[0])
}
