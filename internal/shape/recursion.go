package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"github.com/retrylint/retrylint/internal/code"
)

// recursion recognises a function that retries by calling itself after a
// wait, only when its operation failed:
//
//	err := op(); if err == nil || n <= 1 { return err }; wait; return f(n-1)
//	if err = op(); err != nil { if n--; n > 0 { wait; return f(n) } }; return err
func (m *matcher) recursion(fd *ast.FuncDecl) *Retry {
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
	op := m.recursiveOp(fd, self, again, wait)
	if op == nil {
		return nil
	}
	r := &Retry{Category: RetryFunc, Func: m.funcOf(fd), Recursion: again, Wait: wait}
	r.Op = Op{Call: op.call, Stmt: op.stmt, Assign: op.assign, Results: op.results, Err: op.err, Declares: op.assign.Tok == token.DEFINE}
	r.Func.Ctx = m.ctxInScope(fd.Body.Pos(), nil)
	params := code.Params(m.info, fd.Type)
	decremented := assignedBefore(m.info, fd.Body, again)
	for i, a := range again.Args {
		if i >= len(params) || params[i] == nil {
			continue
		}
		p := params[i]
		counted := false
		if bin, ok := ast.Unparen(a).(*ast.BinaryExpr); ok && bin.Op == token.SUB && code.Var(m.info, bin.X) == p {
			if n, ok := code.ConstInt(m.info, bin.Y); ok && n == 1 {
				counted = true
			}
		}
		if code.Var(m.info, a) == p && decremented[p] && isIntType(p.Type()) {
			counted = true // if attempts--; attempts > 0 { ...; f(attempts) }
		}
		if counted {
			// It counts down a parameter: how many attempts that makes
			// depends on the first call.
			r.Bound = Bound{Kind: ByCount, Counter: &Counter{Var: p, Step: -1}}
		}
	}
	r.Schedule = m.recursiveSchedule(fd, wait, again, params)
	if !m.exactRecursion(fd, r, again, params) {
		r.refuse(ReasonRecursion)
	}
	return r
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
func (m *matcher) recursiveOp(fd *ast.FuncDecl, self *types.Func, again *ast.CallExpr, w *Wait) *opCand {
	list := fd.Body.List
	inside := func(n ast.Node, outer ast.Node) bool { return n.Pos() >= outer.Pos() && n.End() <= outer.End() }
	for i, s := range list {
		var c *opCand
		var tests []*ast.IfStmt
		switch s := s.(type) {
		case *ast.AssignStmt:
			c = m.opOf(s, s)
			if c == nil {
				continue
			}
			for _, t := range list[i+1:] {
				if ifs, ok := t.(*ast.IfStmt); ok && ifs.Init == nil {
					tests = append(tests, ifs)
				}
				if code.Assigned(m.info, t)[c.err] {
					break
				}
			}
		case *ast.IfStmt:
			if as, ok := s.Init.(*ast.AssignStmt); ok {
				c = m.opOf(s, as)
				tests = []*ast.IfStmt{s}
			}
		}
		if c == nil || m.calls(c.call, self) {
			continue
		}
		v := c.err
		for _, ifs := range tests {
			if ifs.Pos() > w.Stmt.Pos() {
				break
			}
			eq, ok := code.NilTest(m.info, ifs.Cond, v)
			switch {
			case (ok && eq) || m.hasNilDisjunct(ifs.Cond, v):
				// success returns before the wait
				if m.leavesFunc(ifs.Body.List) && !inside(again, ifs) && again.Pos() > ifs.End() {
					return c
				}
			case ok && !eq:
				// the failure branch holds the wait and the call again
				if inside(w.Stmt, ifs.Body) && inside(again, ifs.Body) {
					return c
				}
			}
		}
		return nil // the first operation decides
	}
	return nil
}

// hasNilDisjunct reports whether e is a || chain with "v == nil" in it.
func (m *matcher) hasNilDisjunct(e ast.Expr, v *types.Var) bool {
	for _, d := range code.Disjuncts(e) {
		if eq, ok := code.NilTest(m.info, d, v); ok && eq {
			return true
		}
	}
	return false
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
				for v := range code.Assigned(info, s) {
					out[v] = true
				}
			}
		}
		return true
	})
	return out
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
func (m *matcher) recursiveSchedule(fd *ast.FuncDecl, w *Wait, again *ast.CallExpr, params []*types.Var) Schedule {
	var s Schedule
	if w.Delay == nil {
		return Schedule{Kind: UnknownDelay}
	}
	if n, ok := code.ConstInt(m.info, w.Delay); ok {
		return Schedule{Kind: Constant, Initial: Duration{Expr: w.Delay, Value: time.Duration(n), IsConst: true}}
	}
	p := code.Var(m.info, w.Delay)
	if p != nil && code.Assigned(m.info, fd.Body)[p] {
		jitter := NoJitter
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if path, _, ok := code.PkgFunc(m.info, c); ok && (path == "math/rand" || path == "math/rand/v2") {
					jitter = CustomJitter
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
		s.Initial = Duration{Expr: w.Delay}
		a = ast.Unparen(a)
		if code.Var(m.info, a) == p {
			s.Kind = Constant
			return s
		}
		if bin, ok := a.(*ast.BinaryExpr); ok {
			x, y := bin.X, bin.Y
			if code.Var(m.info, y) == p && (bin.Op == token.MUL || bin.Op == token.ADD) {
				x, y = y, x // 2*delay, step+delay
			}
			if code.Var(m.info, x) != p {
				continue
			}
			if n, ok := code.ConstInt(m.info, y); ok {
				switch bin.Op {
				case token.MUL:
					s.Kind, s.Factor = Exponential, float64(n)
					return s
				case token.SHL:
					s.Kind, s.Factor = Exponential, float64(int64(1)<<n)
					return s
				}
			}
			if bin.Op == token.ADD && m.pure(y) && !code.Uses(m.info, y, p) {
				s.Kind, s.Step = Linear, Duration{Expr: y}
				return s
			}
		}
	}
	return Schedule{Kind: Custom}
}
