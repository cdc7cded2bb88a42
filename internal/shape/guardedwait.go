package shape

import (
	"go/ast"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// counterGuard reports whether the wait w, which the loop skips after
// some failures, is skipped by an if around it that tests the counter
// alone (if i == 0 { time.Sleep(5 * time.Second) }): a delay function
// that returns the delay where the test holds and 0 elsewhere says the
// same. Only for a deaf wait (time.Sleep, <-time.After) of a counted
// loop: retry.Do consults no context at a zero wait once told its waits
// ignore it, and a delay of 0 is no wait at all.
func (a *reading) counterGuard(w *Wait) bool {
	g := w.Guard
	c := a.r.Bound.Counter
	if g == nil || len(g.Body.List) != 1 || g.Body.List[0] != w.Stmt || w.Ctx != nil || len(w.Setup) > 0 ||
		w.Kind != Sleep && w.Kind != After || a.r.Bound.Kind != ByCount || c == nil || !code.Uses(a.m.info, g.Cond, c.Var) {
		return false
	}
	ok := true
	ast.Inspect(g.Cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if !code.IsConversion(a.m.info, n) {
				ok = false
			}
		case *ast.Ident:
			if v, isVar := a.m.info.Uses[n].(*types.Var); isVar && v != c.Var && (a.lc.changed[v] || code.DeclaredIn(v, a.lc.loop)) {
				ok = false
			}
		}
		return ok
	})
	return ok
}
