package shape

// A walk over a list inside the loop: for { for _, u := range urls { if
// err := op(u); err == nil { return nil } }; wait }.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// isInnerRange reports whether n is a range over a slice, an array, a
// string or a map inside the loop of lc (not the loop itself): one the
// machine follows through innerRange. A range over a channel or a function
// waits for what it gets, and one over an integer counts; neither is
// followed.
func (m *matcher) isInnerRange(n ast.Node, lc *loopCtx) bool {
	r, ok := n.(*ast.RangeStmt)
	if !ok || n == lc.loop || !code.Within(n, lc.body) {
		return false
	}
	t := m.info.TypeOf(r.X)
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
		return true
	case *types.Pointer:
		_, isArray := u.Elem().Underlying().(*types.Array)
		return isArray
	case *types.Basic:
		return u.Info()&types.IsString != 0
	}
	return false
}

// innerRange runs a range over a list inside the loop as one pass over an
// item the machine knows nothing of: what the loop does when every item
// failed, the pass that matters to the retry around it (the walk as a whole
// is the attempt, started over until an item succeeds). A break or a
// continue to the range ends it; a return, or a branch of the loop around
// it, leaves as it would. A list with no item, or with more than one, makes
// no other way out: each pass does what this one did.
func (mc *machine) innerRange(st *state, r *ast.RangeStmt) []path {
	info := mc.m.info
	for _, e := range []ast.Expr{r.Key, r.Value} {
		if e == nil {
			continue
		}
		if k, ok := keyOf(info, e); ok {
			st.set(k, value{})
		}
	}
	var out []path
	for _, p := range mc.exec(st, r.Body.List) {
		if p.t.kind == leaveInner && mc.m.branchTarget(p.t.stmt.(*ast.BranchStmt), mc.lc) == ast.Node(r) {
			p.t = term{}
		}
		if p.t.kind == nextIter && p.t.stmt == nil {
			p.t = term{}
		}
		out = append(out, p)
	}
	return out
}

// walk returns the range over a list inside the loop that holds the
// operation's statement, nil if there is none.
func (a *reading) walk() *ast.RangeStmt {
	var found *ast.RangeStmt
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if r, ok := n.(*ast.RangeStmt); ok && a.m.isInnerRange(r, a.lc) && code.Within(a.c.stmt, r.Body) {
			found = r // the innermost one holding it
		}
		return true
	})
	return found
}

// advances reports whether the loop makes the list of the walk w from the
// list before (frontier = expand(frontier)): each pass then walks another
// list, a search, not the same walk started over. A list asked for again
// (urls := cfg.URLs(), the leader's addresses) is the same walk.
func (a *reading) advances(w *ast.RangeStmt) bool {
	info := a.m.info
	found := false
	ast.Inspect(w.X, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || !a.lc.changed[v] {
			return true
		}
		ast.Inspect(a.lc.loop, func(m ast.Node) bool {
			as, ok := m.(*ast.AssignStmt)
			if !ok || found {
				return !found
			}
			for i, l := range as.Lhs {
				if code.Var(info, l) != v {
					continue
				}
				rhs := as.Rhs[0]
				if len(as.Rhs) == len(as.Lhs) {
					rhs = as.Rhs[i]
				}
				if as.Tok != token.ASSIGN && as.Tok != token.DEFINE || code.Uses(info, rhs, v) {
					found = true
				}
			}
			return !found
		})
		return !found
	})
	return found
}
