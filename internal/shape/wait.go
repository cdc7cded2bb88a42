package shape

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// waitOf recognises stmt as a wait between attempts. prev are the statements
// before stmt in its block, where a timer's setup would be.
func (m *matcher) waitOf(stmt ast.Stmt, prev []ast.Stmt) *Wait {
	info := m.info
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		switch x := ast.Unparen(s.X).(type) {
		case *ast.CallExpr:
			if isPkgCall(info, x, "time", "Sleep") && len(x.Args) == 1 {
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
		return m.helperWait(s, call)
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
	w := &Wait{Kind: Helper, Stmt: stmt}
	switch o := obj.(type) {
	case *types.Func:
		w.Helper = o
	case *types.Var:
		w.Var = o
	}
	if h.Delay >= 0 && h.Delay < len(call.Args) {
		w.Delay = call.Args[h.Delay]
	}
	if h.Ctx >= 0 && h.Ctx < len(call.Args) {
		w.Ctx = call.Args[h.Ctx]
	}
	return w
}

// afterDelay returns d when ch is time.After(d) or time.NewTimer(d).C.
func (m *matcher) afterDelay(ch ast.Expr) ast.Expr {
	ch = ast.Unparen(ch)
	if call, ok := ch.(*ast.CallExpr); ok && isPkgCall(m.info, call, "time", "After") && len(call.Args) == 1 {
		return call.Args[0]
	}
	if sel, ok := ch.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		if call, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok && isPkgCall(m.info, call, "time", "NewTimer") && len(call.Args) == 1 {
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
	t := objOf(m.info, sel.X)
	if t == nil || !isTimer(t.Type()) {
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
			if len(s.Lhs) == 1 && len(s.Rhs) == 1 && objOf(m.info, s.Lhs[0]) == t {
				if call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr); ok && isPkgCall(m.info, call, "time", "NewTimer") && len(call.Args) == 1 {
					return append([]ast.Stmt{s}, setup...), call.Args[0]
				}
			}
		case *ast.DeclStmt:
			// var t = time.NewTimer(d)
			if gd, ok := s.Decl.(*ast.GenDecl); ok && len(gd.Specs) == 1 {
				if vs, ok := gd.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 && m.info.Defs[vs.Names[0]] == t {
					if call, ok := ast.Unparen(vs.Values[0]).(*ast.CallExpr); ok && isPkgCall(m.info, call, "time", "NewTimer") && len(call.Args) == 1 {
						return append([]ast.Stmt{s}, setup...), call.Args[0]
					}
				}
			}
		}
		if uses(m.info, prev[i], t) {
			return nil, nil
		}
	}
	return nil, nil
}

func isTimer(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Timer"
}

// isMethodOn reports whether call is v.name(...).
func isMethodOn(info *types.Info, call *ast.CallExpr, v *types.Var, name string) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name && objOf(info, sel.X) == v
}

// selectWait recognises a select that waits for a delay, usually with a
// ctx.Done() case: one timer case, at most one ctx.Done() case, other receive
// cases that leave, no default and no send.
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
		if ctx := m.doneCtx(ch); ctx != nil && w.Ctx == nil {
			w.Ctx, w.OnDone = ctx, cc
			continue
		}
		if !m.leavesFunc(cc.Body) && !endsInBreakOut(cc.Body) {
			return nil
		}
		w.Other = append(w.Other, cc)
	}
	if timerCases != 1 {
		return nil
	}
	if w.OnDone != nil && !m.leavesFunc(w.OnDone.Body) && !endsInBreakOut(w.OnDone.Body) {
		return nil
	}
	return w
}

// endsInBreakOut reports whether a select case ends with a labelled break or
// goto, which leaves the select and the loop around it.
func endsInBreakOut(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	b, ok := body[len(body)-1].(*ast.BranchStmt)
	return ok && ((b.Tok == token.BREAK && b.Label != nil) || b.Tok == token.GOTO)
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

// doneCtx returns ctx when ch is ctx.Done() for a context ctx.
func (m *matcher) doneCtx(ch ast.Expr) ast.Expr {
	call, ok := ast.Unparen(ch).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return nil
	}
	if tv, ok := m.info.Types[sel.X]; ok && isContext(tv.Type) {
		return sel.X
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
			return m.isNoReturn(call)
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

// isNoReturn reports whether call never returns: panic, os.Exit, log.Fatal.
func (m *matcher) isNoReturn(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := m.info.ObjectOf(id).(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	p, n, ok := pkgFunc(m.info, call)
	if !ok {
		if fn := methodOf(m.info, call); fn != nil {
			switch fn.Name() {
			case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
				pp, _ := recvNamed(fn)
				return pp == "testing" || pp == "log"
			}
		}
		return false
	}
	switch p {
	case "os":
		return n == "Exit"
	case "log":
		return n == "Fatal" || n == "Fatalf" || n == "Fatalln" || n == "Panic" || n == "Panicf" || n == "Panicln"
	}
	return false
}
