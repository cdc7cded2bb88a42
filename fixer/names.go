package fixer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
)

// nameFree reports whether a new variable named name may be declared just
// before the loop: it would hide nothing the function uses, and nothing after
// it in the function declares or uses the name.
func (r *rewrite) nameFree(name string, pos token.Pos) bool {
	scope := r.pass.Pkg.Scope().Innermost(pos)
	if scope != nil {
		if _, obj := scope.LookupParent(name, pos); obj != nil && obj.Parent() != types.Universe && obj.Parent() != r.pass.Pkg.Scope() {
			return false
		}
	}
	free := true
	ast.Inspect(r.fnBody, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || id.Name != name || !free {
			return free
		}
		// Inside the loop body, the name may be declared afresh: the body
		// becomes the closure, whose scope is its own. A use of an outer
		// object of that name would be hidden, though.
		if within(id, r.stmt) && !within(id, r.body) {
			return true // the loop header, which the rewrite replaces
		}
		if within(id, r.body) {
			if obj := r.info.ObjectOf(id); obj != nil && !r.inLoop(obj) {
				free = false
			}
			return free
		}
		if id.Pos() > r.stmt.Pos() {
			free = false
		}
		return free
	})
	return free
}

// freshName returns the first of the names (then name2, name3, ...) that
// nameFree accepts and that taken does not hold.
func (r *rewrite) freshName(taken map[string]bool, names ...string) string {
	for i := 1; ; i++ {
		for _, n := range names {
			if i > 1 {
				n += strconv.Itoa(i)
			}
			if !taken[n] && r.nameFree(n, r.stmt.Pos()) {
				taken[n] = true
				return n
			}
		}
	}
}

// invariant reports whether e has the same value when evaluated once before
// the loop as at any point of it: no calls but conversions and pure
// builtins, and no variable the loop assigns.
func (r *rewrite) invariant(e ast.Expr) bool {
	assigned := map[*types.Var]bool{}
	for _, v := range assignedIn(r.info, r.loop) {
		assigned[v] = true
	}
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			ok = false
		case *ast.CallExpr:
			if !r.pureCall(n) {
				ok = false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.Ident:
			if v, isVar := r.info.Uses[n].(*types.Var); isVar {
				if assigned[v] || r.inLoop(v) {
					ok = false
				}
			}
		case *ast.SelectorExpr:
			if r.selectorAssigned(n) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// pureCall reports whether call is a conversion or a builtin without effects.
func (r *rewrite) pureCall(call *ast.CallExpr) bool {
	if tv, ok := r.info.Types[call.Fun]; ok && tv.IsType() {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := r.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "min", "max", "real", "imag", "complex":
				return true
			}
		}
	}
	return false
}

// selectorAssigned reports whether the loop assigns to the field sel reads
// (x.f = ..., x.f++), written the same way.
func (r *rewrite) selectorAssigned(sel *ast.SelectorExpr) bool {
	found := false
	check := func(e ast.Expr) {
		if s, ok := ast.Unparen(e).(*ast.SelectorExpr); ok && sameExpr(r.info, s, sel) {
			found = true
		}
	}
	ast.Inspect(r.loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				check(l)
			}
		case *ast.IncDecStmt:
			check(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				check(n.X)
			}
		}
		return !found
	})
	return found
}
