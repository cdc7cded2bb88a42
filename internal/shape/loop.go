package shape

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// loopCtx is what the matcher knows about the loop under study.
type loopCtx struct {
	cur   inspector.Cursor
	loop  ast.Stmt
	body  *ast.BlockStmt
	label *types.Label // the loop's label, if any
	fn    ast.Node     // *ast.FuncDecl or *ast.FuncLit
}

// loop studies one candidate loop and returns its finding, or nil when it is
// not retry logic this package understands.
func (m *matcher) loop(cur inspector.Cursor) *Finding {
	lc := &loopCtx{cur: cur, loop: cur.Node().(ast.Stmt)}
	switch l := lc.loop.(type) {
	case *ast.ForStmt:
		lc.body = l.Body
	case *ast.RangeStmt:
		lc.body = l.Body
	}
	if ls, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		lc.label, _ = m.info.Defs[ls.Label].(*types.Label)
	}
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		lc.fn = enc.Node()
		break
	}
	if lc.fn == nil {
		return nil
	}

	waits := m.waits(lc.body.List, nil)
	if len(waits) == 0 {
		return nil
	}
	op := m.operation(lc)
	if op == nil {
		return nil
	}
	var kept []Wait
	for _, w := range waits {
		if !op.onSuccessPath(w.Stmt) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 || m.callsRetryLibrary(lc.body) {
		return nil
	}
	path := op.retryPath(lc.body.List)
	b := m.bound(lc, path, op)
	if b == nil {
		return nil
	}
	if b.counter != nil && m.iteratesWith(lc.body, op, b.counter) {
		return nil // each pass works on another item: failover, not retry
	}
	f := &Finding{
		Kind:         b.kind,
		Func:         lc.fn,
		Loop:         lc.loop,
		LoopKind:     b.kind,
		Counter:      b.counter,
		CounterDecl:  b.decl,
		CounterSteps: b.steps,
		CounterCheck: b.check,
		Op:           op.stmt,
		Err:          op.err,
		Success:      op.success,
		Attempts:     b.attempts,
		Budget:       b.budget,
		Waits:        kept,
	}
	f.Schedule = m.schedule(lc, op, b, kept)
	return f
}

// waits collects the waits among stmts, looking into blocks, ifs, switch
// and select cases but not into nested loops or function literals.
func (m *matcher) waits(stmts []ast.Stmt, out []Wait) []Wait {
	for i, s := range stmts {
		if w := m.waitOf(s, stmts[:i]); w != nil {
			out = append(out, *w)
			continue
		}
		switch s := s.(type) {
		case *ast.IfStmt:
			before := len(out)
			out = m.waits(s.Body.List, out)
			if s.Init == nil && s.Else == nil && len(out) == before+1 && onlyWait(s.Body.List, out[before]) {
				out[before].Guard = s.Cond
			}
			if s.Else != nil {
				out = m.waits([]ast.Stmt{s.Else}, out)
			}
		case *ast.BlockStmt:
			out = m.waits(s.List, out)
		case *ast.SwitchStmt:
			for _, c := range s.Body.List {
				out = m.waits(c.(*ast.CaseClause).Body, out)
			}
		case *ast.TypeSwitchStmt:
			for _, c := range s.Body.List {
				out = m.waits(c.(*ast.CaseClause).Body, out)
			}
		case *ast.SelectStmt:
			for _, c := range s.Body.List {
				out = m.waits(c.(*ast.CommClause).Body, out)
			}
		}
	}
	return out
}

// onlyWait reports whether a block holds nothing but w and its setup.
func onlyWait(stmts []ast.Stmt, w Wait) bool {
	n := 0
	for _, s := range stmts {
		if s == w.Stmt {
			n++
			continue
		}
		found := n == 0 && DeclaresOnly(s) // d := base << i, before the wait
		for _, st := range w.Setup {
			found = found || st == s
		}
		if !found {
			return false
		}
	}
	return n == 1
}

// DeclaresOnly reports whether s only declares new variables (x := e, var x
// = e). In a block that holds a wait, such variables can serve nothing but
// the statements after them in that block: the fixer moves them into the
// delay function with the wait.
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

// callsRetryLibrary reports whether the loop calls into a retry library: its
// policy then already lives there.
func (m *matcher) callsRetryLibrary(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if obj := m.info.ObjectOf(sel.Sel); obj != nil && obj.Pkg() != nil && obj.Pkg() != m.pass.Pkg && m.skipPackage(obj.Pkg().Path()) {
				found = true
			}
		}
		return !found
	})
	return found
}

// iteratesWith reports whether the counter picks what each pass works on
// (addrs[i], or an argument of the operation): then the loop walks a list.
func (m *matcher) iteratesWith(body *ast.BlockStmt, op *opInfo, counter *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.IndexExpr:
			if uses(m.info, n.Index, counter) {
				found = true
			}
		case *ast.SliceExpr:
			if uses(m.info, n.Low, counter) || uses(m.info, n.High, counter) {
				found = true
			}
		}
		return !found
	})
	if found {
		return true
	}
	for _, a := range op.call.Args {
		if uses(m.info, a, counter) {
			return true
		}
	}
	return false
}

// exitsLoop reports whether stmts, run in the loop body, always leave the
// loop: they end in return, break, goto or a call that does not return, and
// no continue of the loop comes before.
func (m *matcher) exitsLoop(stmts []ast.Stmt, lc *loopCtx) bool {
	if len(stmts) == 0 || m.continues(stmts, lc) {
		return false
	}
	return m.leaves(stmts[len(stmts)-1])
}

func (m *matcher) leaves(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.BREAK || s.Tok == token.GOTO
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok {
			return m.isNoReturn(call)
		}
	case *ast.BlockStmt:
		return len(s.List) > 0 && m.leaves(s.List[len(s.List)-1])
	case *ast.IfStmt:
		if s.Else == nil || len(s.Body.List) == 0 {
			return false
		}
		return m.leaves(s.Body.List[len(s.Body.List)-1]) && m.leaves(s.Else)
	}
	return false
}

// continues reports whether stmts hold a continue of the loop.
func (m *matcher) continues(stmts []ast.Stmt, lc *loopCtx) bool {
	found := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				// an unlabelled continue inside belongs to the inner loop
				ast.Inspect(n, func(n ast.Node) bool {
					if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.CONTINUE && b.Label != nil && lc.label != nil && m.info.Uses[b.Label] == lc.label {
						found = true
					}
					return !found
				})
				return false
			case *ast.BranchStmt:
				if n.Tok == token.CONTINUE && (n.Label == nil || (lc.label != nil && m.info.Uses[n.Label] == lc.label)) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// endsInContinue reports whether stmts end with a continue of the loop.
func (m *matcher) endsInContinue(stmts []ast.Stmt, lc *loopCtx) bool {
	if len(stmts) == 0 {
		return false
	}
	b, ok := stmts[len(stmts)-1].(*ast.BranchStmt)
	return ok && b.Tok == token.CONTINUE && (b.Label == nil || (lc.label != nil && m.info.Uses[b.Label] == lc.label))
}
