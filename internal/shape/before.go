package shape

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// lastAssign finds the statement before the loop, in its enclosing blocks,
// that last sets v (v := 0, var v int, v = 0), and the value it sets (nil
// for a declaration without one). It returns nil when v is set before the
// loop in a way it does not follow, or not at all.
func (m *matcher) lastAssign(lc *loopCtx, v *types.Var) (ast.Stmt, ast.Expr) {
	for enc := range lc.cur.Enclosing((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		list := code.StmtList(enc.Node())
		if list == nil {
			return nil, nil // a function: v is a parameter, or set elsewhere
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
			if m.assigned(s)[v] {
				return nil, nil // set in a way not understood
			}
		}
		if code.DeclaredIn(v, enc.Node()) {
			return nil, nil // declared in this block, never set before the loop
		}
	}
	return nil, nil
}

// sets reports whether s sets v to a value: v := x, v = x, var v = x, var v
// T, or a var block declaring it.
func (m *matcher) sets(s ast.Stmt, v *types.Var) (ast.Stmt, ast.Expr, bool) {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if (s.Tok == token.DEFINE || s.Tok == token.ASSIGN) && len(s.Lhs) == len(s.Rhs) {
			for i, l := range s.Lhs {
				if code.Var(m.info, l) == v {
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

// DeclaresOnly reports whether s only declares new variables (x := e, var x
// = e). In a block that holds a wait, such variables can serve nothing but
// the statements after them in that block.
func DeclaresOnly(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.AssignStmt:
		return s.Tok == token.DEFINE
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		return ok && gd.Tok == token.VAR
	}
	return false
}

// usedOutside reports whether v is read anywhere in the function fn outside
// the node inside (and outside the statements of skip).
func (m *matcher) usedOutside(fn ast.Node, v *types.Var, inside ast.Node, skip ...ast.Stmt) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if code.Within(n, inside) {
			return false
		}
		for _, s := range skip {
			if n == s {
				return false
			}
		}
		if id, ok := n.(*ast.Ident); ok && m.info.Uses[id] == v {
			found = true
		}
		return true
	})
	return found
}
