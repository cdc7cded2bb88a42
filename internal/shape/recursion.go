package shape

import (
	"go/ast"
	"go/token"
	"go/types"
)

// recursion recognises a function that retries by calling itself after a
// wait, only when its operation failed:
//
//	err := op(); if err == nil || n <= 1 { return err }; wait; return f(n-1)
//	if err = op(); err != nil { if n--; n > 0 { wait; return f(n) } }; return err
func (m *matcher) recursion(fd *ast.FuncDecl) *Finding {
	self, _ := m.info.Defs[fd.Name].(*types.Func)
	if self == nil || m.callsRetryLibrary(fd.Body) {
		return nil
	}
	again, path := m.selfCall(fd.Body, self)
	if again == nil {
		return nil
	}
	// The wait comes before the call again, in one of the blocks around it.
	var wait *Wait
	for i := len(path) - 1; i >= 0 && wait == nil; i-- {
		list := path[i].list
		for j := path[i].index - 1; j >= 0; j-- {
			if w := m.waitOf(list[j], list[:j]); w != nil {
				wait = w
				break
			}
		}
	}
	if wait == nil {
		return nil
	}
	op, success := m.recursiveOp(fd, self, again, wait)
	if op == nil {
		return nil
	}
	f := &Finding{
		Kind:      RetryFunc,
		LoopKind:  RetryFunc,
		Func:      fd,
		Recursion: again,
		Op:        op.stmt,
		Err:       op.err,
		Success:   success,
		Waits:     []Wait{*wait},
	}
	params := paramVars(m.info, fd)
	decremented := assignedBefore(m.info, fd.Body, again)
	for i, a := range again.Args {
		if i >= len(params) || params[i] == nil {
			continue
		}
		p := params[i]
		if bin, ok := ast.Unparen(a).(*ast.BinaryExpr); ok && bin.Op == token.SUB && objOf(m.info, bin.X) == p {
			if n, ok := constInt(m.info, bin.Y); ok && n == 1 {
				f.Counter = p
			}
		}
		if objOf(m.info, a) == p && decremented[p] && isInteger(p.Type()) {
			f.Counter = p // if attempts--; attempts > 0 { ...; f(attempts) }
		}
	}
	f.Schedule = m.recursiveSchedule(fd, *wait, again, params)
	return f
}

// frame is one block on the way from a function body down to a statement:
// the block's statements and the index of the one that leads on.
type frame struct {
	list  []ast.Stmt
	index int
}

// selfCall finds the statement that calls fn again (return f(...) or
// f(...)), and the blocks around it.
func (m *matcher) selfCall(body *ast.BlockStmt, fn *types.Func) (*ast.CallExpr, []frame) {
	var walk func(list []ast.Stmt, path []frame) (*ast.CallExpr, []frame)
	walk = func(list []ast.Stmt, path []frame) (*ast.CallExpr, []frame) {
		for i, s := range list {
			here := append(path[:len(path):len(path)], frame{list, i})
			var call *ast.CallExpr
			switch s := s.(type) {
			case *ast.ReturnStmt:
				if len(s.Results) == 1 {
					call, _ = ast.Unparen(s.Results[0]).(*ast.CallExpr)
				}
			case *ast.ExprStmt:
				call, _ = ast.Unparen(s.X).(*ast.CallExpr)
			case *ast.AssignStmt:
				if len(s.Rhs) == 1 {
					call, _ = ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
				}
			case *ast.IfStmt:
				if c, p := walk(s.Body.List, here); c != nil {
					return c, p
				}
				if els, ok := s.Else.(*ast.BlockStmt); ok {
					if c, p := walk(els.List, here); c != nil {
						return c, p
					}
				}
			case *ast.BlockStmt:
				if c, p := walk(s.List, here); c != nil {
					return c, p
				}
			}
			if call != nil && m.calls(call, fn) {
				return call, here
			}
		}
		return nil, nil
	}
	return walk(body.List, nil)
}

// recursiveOp finds the operation of a self-calling retry and the if that
// makes the call again happen only after a failure: an early return when
// the error is nil (if err == nil || ... { return }), or a failure branch
// (if err != nil { ... }) that holds the wait and the call.
func (m *matcher) recursiveOp(fd *ast.FuncDecl, self *types.Func, again *ast.CallExpr, w *Wait) (*opInfo, *ast.IfStmt) {
	list := fd.Body.List
	inside := func(n ast.Node, outer ast.Node) bool { return n.Pos() >= outer.Pos() && n.End() <= outer.End() }
	for i, s := range list {
		var call *ast.CallExpr
		var v *types.Var
		var tests []*ast.IfStmt
		switch s := s.(type) {
		case *ast.AssignStmt:
			call, v = m.opErr(s)
			for _, t := range list[i+1:] {
				if ifs, ok := t.(*ast.IfStmt); ok && ifs.Init == nil {
					tests = append(tests, ifs)
				}
				if assigned(m.info, t)[v] {
					break
				}
			}
		case *ast.IfStmt:
			if as, ok := s.Init.(*ast.AssignStmt); ok {
				call, v = m.opErr(as)
				tests = []*ast.IfStmt{s}
			}
		}
		if v == nil || m.calls(call, self) {
			continue
		}
		for _, ifs := range tests {
			if ifs.Pos() > w.Stmt.Pos() {
				break
			}
			eq, ok := errCompare(m.info, ifs.Cond, v)
			switch {
			case (ok && eq) || m.hasNilDisjunct(ifs.Cond, v):
				// success returns before the wait
				if m.leavesFunc(ifs.Body.List) && !inside(again, ifs) && again.Pos() > ifs.End() {
					return &opInfo{stmt: s, call: call, err: v, success: ifs, form: eqNil}, ifs
				}
			case ok && !eq:
				// the failure branch holds the wait and the call again
				if inside(w.Stmt, ifs.Body) && inside(again, ifs.Body) {
					return &opInfo{stmt: s, call: call, err: v, success: ifs, form: elseLeaves}, ifs
				}
			}
		}
		return nil, nil // the first operation decides
	}
	return nil, nil
}

// assignedBefore returns the variables assigned in body before the position
// of n.
func assignedBefore(info *types.Info, body *ast.BlockStmt, n ast.Node) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	ast.Inspect(body, func(x ast.Node) bool {
		if x == nil || x.Pos() >= n.Pos() {
			return false
		}
		if s, ok := x.(ast.Stmt); ok {
			switch s.(type) {
			case *ast.AssignStmt, *ast.IncDecStmt:
				for v := range assigned(info, s) {
					out[v] = true
				}
			}
		}
		return true
	})
	return out
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// calls reports whether call calls fn (directly, or as a method on the same
// receiver).
func (m *matcher) calls(call *ast.CallExpr, fn *types.Func) bool {
	if id := selOrIdent(call.Fun); id != nil {
		return m.info.Uses[id] == fn
	}
	return false
}

// recursiveSchedule reads the delay of a self-calling retry: a constant, a
// parameter passed on unchanged (constant), multiplied (exponential) or
// increased (linear). A delay parameter changed in the body (jitter added to
// it) is a computed delay.
func (m *matcher) recursiveSchedule(fd *ast.FuncDecl, w Wait, again *ast.CallExpr, params []*types.Var) Schedule {
	var s Schedule
	if w.Delay == nil {
		return s
	}
	if n, ok := constInt(m.info, w.Delay); ok {
		return Schedule{Kind: Constant, Initial: durationOf(n)}
	}
	p := objOf(m.info, w.Delay)
	if p != nil && assigned(m.info, fd.Body)[p] {
		jitter := false
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if path, _, ok := pkgFunc(m.info, c); ok && (path == "math/rand" || path == "math/rand/v2") {
					jitter = true
				}
			}
			return true
		})
		return Schedule{Kind: Custom, Jitter: jitter}
	}
	for i, a := range again.Args {
		if p == nil || i >= len(params) || params[i] != p {
			continue
		}
		s.InitialExpr = w.Delay
		a = ast.Unparen(a)
		if objOf(m.info, a) == p {
			s.Kind = Constant
			return s
		}
		if bin, ok := a.(*ast.BinaryExpr); ok {
			x, y := bin.X, bin.Y
			if objOf(m.info, y) == p && (bin.Op == token.MUL || bin.Op == token.ADD) {
				x, y = y, x // 2*delay, step+delay
			}
			if objOf(m.info, x) != p {
				continue
			}
			if n, ok := constInt(m.info, y); ok {
				switch bin.Op {
				case token.MUL:
					s.Kind, s.Factor = Exponential, float64(n)
					return s
				case token.SHL:
					s.Kind, s.Factor = Exponential, float64(int64(1)<<n)
					return s
				}
			}
			if bin.Op == token.ADD && m.pure(y) && !uses(m.info, y, p) {
				s.Kind, s.StepExpr = Linear, y
				return s
			}
		}
	}
	return Schedule{Kind: Custom}
}
