package fixer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// nilness is what is known of a variable's value at a point of the loop body.
type nilness uint8

const (
	unknown nilness = iota
	isNil
	nonNil
)

// facts maps the tracked variables to what is known of them. A nil map knows
// nothing; facts are copied on write.
type facts map[*types.Var]nilness

func (f facts) get(v *types.Var) nilness {
	if v == nil {
		return unknown
	}
	return f[v]
}

func (f facts) with(v *types.Var, n nilness) facts {
	out := make(facts, len(f)+1)
	for k, x := range f {
		out[k] = x
	}
	if n == unknown {
		delete(out, v)
	} else {
		out[v] = n
	}
	return out
}

// meet keeps what both paths know.
func (f facts) meet(g facts) facts {
	out := facts{}
	for v, n := range f {
		if g[v] == n {
			out[v] = n
		}
	}
	return out
}

// tracker decides which variables facts may be kept for: the function's own
// variables whose value only changes where an assignment to them is written,
// so never those whose address is taken or that a function literal assigns.
type tracker struct {
	info    *types.Info
	escaped map[*types.Var]bool
}

func newTracker(info *types.Info, fnBody ast.Node) *tracker {
	t := &tracker{info: info, escaped: map[*types.Var]bool{}}
	ast.Inspect(fnBody, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := t.varOf(n.X); v != nil {
					t.escaped[v] = true
				}
			}
		case *ast.FuncLit:
			for _, v := range assignedIn(info, n.Body) {
				t.escaped[v] = true
			}
		}
		return true
	})
	return t
}

// varOf returns the local variable e names, or nil.
func (t *tracker) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := t.info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || t.escaped[v] {
		return nil
	}
	return v
}

// assignedIn lists the variables assigned anywhere in n.
func assignedIn(info *types.Info, n ast.Node) []*types.Var {
	var out []*types.Var
	add := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok {
				out = append(out, v)
			}
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				add(l)
			}
		case *ast.IncDecStmt:
			add(n.X)
		case *ast.RangeStmt:
			if n.Key != nil {
				add(n.Key)
			}
			if n.Value != nil {
				add(n.Value)
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				add(id)
			}
		}
		return true
	})
	return out
}

// cond returns what holds when e evaluates to want.
func (t *tracker) cond(f facts, e ast.Expr, want bool) facts {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return t.cond(f, e.X, !want)
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			if want {
				return t.cond(t.cond(f, e.X, true), e.Y, true)
			}
		case token.LOR:
			if !want {
				return t.cond(t.cond(f, e.X, false), e.Y, false)
			}
		case token.EQL, token.NEQ:
			v, other := t.varOf(e.X), e.Y
			if v == nil {
				v, other = t.varOf(e.Y), e.X
			}
			if v != nil && isNilIdent(t.info, other) {
				if (e.Op == token.EQL) == want {
					return f.with(v, isNil)
				}
				return f.with(v, nonNil)
			}
		}
	}
	return f
}

// truth reports whether e is known to be true or false under f.
func (t *tracker) truth(f facts, e ast.Expr) (value, known bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			v, k := t.truth(f, e.X)
			return !v, k
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			x, kx := t.truth(f, e.X)
			if kx && !x {
				return false, true
			}
			y, ky := t.truth(t.cond(f, e.X, true), e.Y)
			if ky && !y {
				return false, true
			}
			return true, kx && ky
		case token.LOR:
			x, kx := t.truth(f, e.X)
			if kx && x {
				return true, true
			}
			y, ky := t.truth(t.cond(f, e.X, false), e.Y)
			if ky && y {
				return true, true
			}
			return false, kx && ky
		case token.EQL, token.NEQ:
			v, other := t.varOf(e.X), e.Y
			if v == nil {
				v, other = t.varOf(e.Y), e.X
			}
			if v != nil && isNilIdent(t.info, other) {
				switch f.get(v) {
				case isNil:
					return e.Op == token.EQL, true
				case nonNil:
					return e.Op == token.NEQ, true
				}
			}
		}
	}
	return false, false
}

// value returns what is known of the value of e under f, once stored in a
// variable of type to (an interface holding a typed value is never nil).
func (t *tracker) value(f facts, e ast.Expr, to types.Type) nilness {
	e = ast.Unparen(e)
	if isNilIdent(t.info, e) {
		return isNil
	}
	if to != nil && types.IsInterface(to) {
		if tv, ok := t.info.Types[e]; ok && tv.Type != nil && !types.IsInterface(tv.Type) {
			return nonNil
		}
	}
	if v := t.varOf(e); v != nil {
		return f.get(v)
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return nonNil // &T{...}, &x
		}
	case *ast.CompositeLit:
		return nonNil
	case *ast.CallExpr:
		if isCallTo(t.info, e, "errors", "New") || isCallTo(t.info, e, "fmt", "Errorf") {
			return nonNil
		}
	}
	return unknown
}

// assign returns f after the assignment lhs = rhs (one to one).
func (t *tracker) assign(f facts, lhs, rhs []ast.Expr) facts {
	if len(lhs) == len(rhs) {
		vals := make([]nilness, len(rhs))
		for i, r := range rhs {
			var to types.Type
			if v := t.varOf(lhs[i]); v != nil {
				to = v.Type()
			}
			vals[i] = t.value(f, r, to)
		}
		for i, l := range lhs {
			if v := t.varOf(l); v != nil {
				f = f.with(v, vals[i])
			}
		}
		return f
	}
	for _, l := range lhs {
		if v := t.varOf(l); v != nil {
			f = f.with(v, unknown)
		}
	}
	return f
}

// kill forgets what is known of the variables assigned in n.
func (t *tracker) kill(f facts, n ast.Node) facts {
	for _, v := range assignedIn(t.info, n) {
		if _, ok := f[v]; ok {
			f = f.with(v, unknown)
		}
	}
	return f
}

func isNilIdent(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNilObj := info.ObjectOf(id).(*types.Nil)
	return isNilObj
}
