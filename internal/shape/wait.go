package shape

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/retrylint/retrylint/internal/code"
)

// waitOf recognises stmt as a wait between attempts. prev are the statements
// before stmt in its block, where a timer's setup would be. The Guard and
// Skips of the result are left for the caller, which sees the if around it.
func (m *matcher) waitOf(stmt ast.Stmt, prev []ast.Stmt) *Wait {
	info := m.info
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		switch x := ast.Unparen(s.X).(type) {
		case *ast.CallExpr:
			if code.IsPkgCall(info, x, "time", "Sleep") && len(x.Args) == 1 {
				return &Wait{Kind: Sleep, Stmt: s, Delay: x.Args[0]}
			}
			return m.helperWait(s, x)
		case *ast.UnaryExpr:
			if x.Op != token.ARROW {
				return nil
			}
			if d := m.afterDelay(x.X); d != nil {
				return &Wait{Kind: After, Stmt: s, Delay: d}
			}
			if setup, d := m.timerSetup(x.X, prev); d != nil {
				return &Wait{Kind: Timer, Stmt: s, Delay: d, Setup: setup}
			}
		}
	case *ast.AssignStmt:
		// _ = sleep(ctx, d)
		if len(s.Rhs) == 1 {
			if call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr); ok {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
						return nil
					}
				}
				return m.helperWait(s, call)
			}
		}
	case *ast.IfStmt:
		// if err := sleep(ctx, d); err != nil { return err }
		// if !sleep(ctx, d) { return }
		if s.Else != nil || !m.leavesFunc(s.Body.List) {
			return nil
		}
		var call *ast.CallExpr
		if as, ok := s.Init.(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
			call, _ = ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		} else if s.Init == nil {
			c := ast.Unparen(s.Cond)
			if u, ok := c.(*ast.UnaryExpr); ok && u.Op == token.NOT {
				c = ast.Unparen(u.X)
			}
			call, _ = c.(*ast.CallExpr)
		}
		if call == nil {
			return nil
		}
		w := m.helperWait(s, call)
		if w != nil && w.HelperFact.ReturnsCtxErr {
			if as, ok := s.Init.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
				w.Result = code.Var(m.info, as.Lhs[0])
			}
		}
		return w
	case *ast.SelectStmt:
		return m.selectWait(s, prev)
	}
	return nil
}

// helperWait recognises a call of a function known to only wait.
func (m *matcher) helperWait(stmt ast.Stmt, call *ast.CallExpr) *Wait {
	obj := typeutil.Callee(m.info, call)
	if obj == nil {
		return nil
	}
	h := m.helperFact(obj)
	if h == nil {
		return nil
	}
	w := &Wait{Kind: Helper, Stmt: stmt, HelperFact: h}
	w.Helper, _ = obj.(*types.Func)
	if h.Delay >= 0 && h.Delay < len(call.Args) {
		w.Delay = call.Args[h.Delay]
	}
	if h.Ctx >= 0 && h.Ctx < len(call.Args) {
		w.Ctx = code.Var(m.info, call.Args[h.Ctx])
		if w.Ctx == nil {
			return nil // a context the call computes
		}
	}
	if h.Stop >= 0 && h.Stop < len(call.Args) {
		w.Stop = call.Args[h.Stop]
	}
	return w
}

// afterDelay returns d when ch is time.After(d) or time.NewTimer(d).C.
func (m *matcher) afterDelay(ch ast.Expr) ast.Expr {
	ch = ast.Unparen(ch)
	if call, ok := ch.(*ast.CallExpr); ok && code.IsPkgCall(m.info, call, "time", "After") && len(call.Args) == 1 {
		return call.Args[0]
	}
	if sel, ok := ch.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		if call, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok && code.IsPkgCall(m.info, call, "time", "NewTimer") && len(call.Args) == 1 {
			return call.Args[0]
		}
	}
	return nil
}

// timerSetup recognises ch as t.C for a timer t that the statements just
// before set: t := time.NewTimer(d) (and defer t.Stop()), or t.Reset(d).
func (m *matcher) timerSetup(ch ast.Expr, prev []ast.Stmt) ([]ast.Stmt, ast.Expr) {
	sel, ok := ast.Unparen(ch).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "C" {
		return nil, nil
	}
	t := code.Var(m.info, sel.X)
	if t == nil || !code.IsTimer(t.Type()) {
		return nil, nil
	}
	var setup []ast.Stmt
	for i := len(prev) - 1; i >= 0; i-- {
		switch s := prev[i].(type) {
		case *ast.DeferStmt:
			if isMethodOn(m.info, s.Call, t, "Stop") {
				setup = append([]ast.Stmt{s}, setup...)
				continue
			}
		case *ast.ExprStmt:
			if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && isMethodOn(m.info, call, t, "Reset") && len(call.Args) == 1 {
				return append([]ast.Stmt{s}, setup...), call.Args[0]
			}
		case *ast.AssignStmt:
			if len(s.Lhs) == 1 && len(s.Rhs) == 1 && code.Var(m.info, s.Lhs[0]) == t {
				if call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr); ok && code.IsPkgCall(m.info, call, "time", "NewTimer") && len(call.Args) == 1 {
					return append([]ast.Stmt{s}, setup...), call.Args[0]
				}
			}
		case *ast.DeclStmt:
			// var t = time.NewTimer(d)
			if gd, ok := s.Decl.(*ast.GenDecl); ok && len(gd.Specs) == 1 {
				if vs, ok := gd.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 && m.info.Defs[vs.Names[0]] == t {
					if call, ok := ast.Unparen(vs.Values[0]).(*ast.CallExpr); ok && code.IsPkgCall(m.info, call, "time", "NewTimer") && len(call.Args) == 1 {
						return append([]ast.Stmt{s}, setup...), call.Args[0]
					}
				}
			}
		}
		if code.Uses(m.info, prev[i], t) {
			return nil, nil
		}
	}
	return nil, nil
}

// isMethodOn reports whether call is v.name(...).
func isMethodOn(info *types.Info, call *ast.CallExpr, v *types.Var, name string) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name && code.Var(info, sel.X) == v
}

// selectWait recognises a select that waits for a delay, usually with a
// ctx.Done() case: one timer case, at most one ctx.Done() case, other
// receive cases (a stop channel), no default and no send.
func (m *matcher) selectWait(s *ast.SelectStmt, prev []ast.Stmt) *Wait {
	w := &Wait{Kind: Select, Stmt: s}
	timerCases := 0
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		if cc.Comm == nil {
			return nil // default: the select does not block
		}
		ch := recvChan(cc.Comm)
		if ch == nil {
			return nil // a send
		}
		if d := m.afterDelay(ch); d != nil {
			timerCases++
			w.Delay = d
			continue
		}
		if setup, d := m.timerSetup(ch, prev); d != nil {
			timerCases++
			w.Delay, w.Setup, w.Kind = d, setup, Timer
			continue
		}
		if setup, d := m.afterSetup(ch, prev); d != nil {
			timerCases++
			w.Delay, w.Setup = d, setup
			continue
		}
		if d := m.tickerPeriod(ch); d != nil {
			timerCases++
			w.Delay, w.Kind = d, Ticker
			continue
		}
		if ctx := m.doneCtx(ch); ctx != nil && w.Ctx == nil {
			w.Ctx = ctx
			continue
		}
		w.Other = append(w.Other, cc) // another channel, such as a stop signal
	}
	if timerCases != 1 {
		return nil
	}
	return w
}

// afterSetup returns the statement that made ch, a variable, the channel of
// time.After(d) (wake := time.After(d), or var wake = time.After(d)) among
// the statements before the select, and d; nil when ch is no such channel or
// is read between the two.
func (m *matcher) afterSetup(ch ast.Expr, prev []ast.Stmt) ([]ast.Stmt, ast.Expr) {
	id, ok := ast.Unparen(ch).(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v := code.Var(m.info, id)
	if v == nil {
		return nil, nil
	}
	after := func(x ast.Expr) ast.Expr {
		if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && code.IsPkgCall(m.info, call, "time", "After") && len(call.Args) == 1 {
			return call.Args[0]
		}
		return nil
	}
	for i := len(prev) - 1; i >= 0; i-- {
		switch s := prev[i].(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE && len(s.Lhs) == 1 && len(s.Rhs) == 1 && m.info.Defs[s.Lhs[0].(*ast.Ident)] == v {
				if d := after(s.Rhs[0]); d != nil {
					return []ast.Stmt{s}, d
				}
				return nil, nil
			}
		case *ast.DeclStmt:
			if gd, ok := s.Decl.(*ast.GenDecl); ok && len(gd.Specs) == 1 {
				if vs, ok := gd.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 && m.info.Defs[vs.Names[0]] == v {
					if d := after(vs.Values[0]); d != nil {
						return []ast.Stmt{s}, d
					}
					return nil, nil
				}
			}
		}
		if code.Uses(m.info, prev[i], v) {
			return nil, nil
		}
	}
	return nil, nil
}

// tickerPeriod returns d when ch is t.C of a ticker t := time.NewTicker(d)
// (or var t = time.NewTicker(d)) that nothing else assigns; nil otherwise.
func (m *matcher) tickerPeriod(ch ast.Expr) ast.Expr {
	sel, ok := ast.Unparen(ch).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "C" {
		return nil
	}
	v := code.Var(m.info, sel.X)
	if v == nil || !code.IsNamed(v.Type(), "time", "Ticker") {
		return nil
	}
	if d, ok := m.tickers[v]; ok {
		return d
	}
	if m.tickers == nil {
		m.tickers = map[*types.Var]ast.Expr{}
	}
	var period ast.Expr
	sets := 0
	newTicker := func(x ast.Expr) ast.Expr {
		if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && code.IsPkgCall(m.info, call, "time", "NewTicker") && len(call.Args) == 1 {
			return call.Args[0]
		}
		return nil
	}
	for _, f := range m.pass.Files {
		if f.FileStart > v.Pos() || v.Pos() >= f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if code.Var(m.info, l) == v {
						sets++
						if len(n.Lhs) == len(n.Rhs) {
							period = newTicker(n.Rhs[i])
						}
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if m.info.Defs[name] == v {
						sets++
						if len(n.Values) == len(n.Names) {
							period = newTicker(n.Values[i])
						}
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND && code.Var(m.info, n.X) == v {
					sets++ // &t: set elsewhere
				}
			}
			return true
		})
	}
	if sets != 1 {
		period = nil
	}
	m.tickers[v] = period
	return period
}

// recvChan returns the channel a select case receives from.
func recvChan(comm ast.Stmt) ast.Expr {
	var x ast.Expr
	switch c := comm.(type) {
	case *ast.ExprStmt:
		x = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			x = c.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// doneCtx returns the context variable ctx when ch is ctx.Done().
func (m *matcher) doneCtx(ch ast.Expr) *types.Var {
	call, ok := ast.Unparen(ch).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return nil
	}
	if tv, ok := m.info.Types[sel.X]; ok && code.IsContext(tv.Type) {
		return code.Var(m.info, sel.X)
	}
	return nil
}

// leavesFunc reports whether stmts always end by returning or panicking.
func (m *matcher) leavesFunc(stmts []ast.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	switch s := stmts[len(stmts)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			return code.IsNoReturn(m.info, call)
		}
	case *ast.BlockStmt:
		return m.leavesFunc(s.List)
	case *ast.IfStmt:
		if s.Else == nil {
			return false
		}
		var els []ast.Stmt
		switch e := s.Else.(type) {
		case *ast.BlockStmt:
			els = e.List
		case *ast.IfStmt:
			els = []ast.Stmt{e}
		}
		return m.leavesFunc(s.Body.List) && m.leavesFunc(els)
	}
	return false
}
