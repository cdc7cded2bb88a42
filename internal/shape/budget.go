package shape

import (
	"go/ast"
	"go/token"
)

// budgetOf reads cond as a time bound: time.Since(start) < d,
// time.Now().Before(deadline), time.Until(deadline) > 0 and their variants.
// exit means cond is the condition to leave (time.Since(start) > d).
func (m *matcher) budgetOf(lc *loopCtx, cond ast.Expr, exit bool) *Budget {
	cond = ast.Unparen(cond)
	if u, ok := cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
		return m.budgetOf(lc, u.X, !exit)
	}
	switch c := cond.(type) {
	case *ast.CallExpr:
		// time.Now().Before(d) goes on; time.Now().After(d) leaves.
		sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok || len(c.Args) != 1 || !m.isNow(sel.X) {
			return nil
		}
		var goesOn, inclusive bool
		switch sel.Sel.Name {
		case "Before":
			goesOn, inclusive = !exit, false
		case "After":
			goesOn, inclusive = exit, true
		default:
			return nil
		}
		if !goesOn {
			return nil
		}
		return m.deadline(lc, c.Args[0], inclusive)
	case *ast.BinaryExpr:
		x, y, op := c.X, c.Y, c.Op
		if m.elapsed(y) != nil || m.until(y) != nil {
			x, y, op = y, x, flip(op)
		}
		if exit {
			var ok bool
			if op, ok = negate(op); !ok || op == token.NEQ {
				return nil // a budget is an order, not an equality
			}
		}
		if start := m.elapsed(x); start != nil {
			if op != token.LSS && op != token.LEQ {
				return nil
			}
			b := &Budget{Limit: y, Inclusive: op == token.LEQ}
			if v := objOf(m.info, start); v != nil {
				b.Start = v
				b.StartDecl, _ = m.lastAssign(lc, v)
			}
			return b
		}
		if d := m.until(x); d != nil {
			if n, ok := constInt(m.info, y); !ok || n != 0 || (op != token.GTR && op != token.GEQ) {
				return nil
			}
			return m.deadline(lc, d, op == token.GEQ)
		}
	}
	return nil
}

func (m *matcher) deadline(lc *loopCtx, d ast.Expr, inclusive bool) *Budget {
	b := &Budget{Deadline: d, Inclusive: inclusive}
	if v := objOf(m.info, d); v != nil {
		b.DeadlineDecl, _ = m.lastAssign(lc, v)
	}
	return b
}

// isNow reports whether e is time.Now().
func (m *matcher) isNow(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && isPkgCall(m.info, call, "time", "Now")
}

// elapsed returns start when e is time.Since(start) or time.Now().Sub(start).
func (m *matcher) elapsed(e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	if isPkgCall(m.info, call, "time", "Since") {
		return call.Args[0]
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Sub" && m.isNow(sel.X) {
		return call.Args[0]
	}
	return nil
}

// until returns d when e is time.Until(d) or d.Sub(time.Now()).
func (m *matcher) until(e ast.Expr) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	if isPkgCall(m.info, call, "time", "Until") {
		return call.Args[0]
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Sub" && m.isNow(call.Args[0]) {
		return sel.X
	}
	return nil
}
