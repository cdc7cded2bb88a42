package shape

// The operation candidates of a loop: the calls whose error the loop tests.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// opCand is a statement that may run the operation of a retry.
type opCand struct {
	stmt    ast.Stmt // the assignment, or the if whose Init assigns
	assign  *ast.AssignStmt
	call    *ast.CallExpr
	err     *types.Var
	results []*types.Var
	// witness is the pointer result whose nil tells a failure, when the
	// loop reads the outcome from it instead of the error (see witnessOf),
	// and witnessKey where the machine keeps its value: the variable, or
	// the field the result is stored in (l.h = l.retrieve()).
	witness    *types.Var
	witnessKey key
	// valueOnly reports that the call returns no error, only the pointer
	// that is nil when it failed, or the bool that is false then; err is
	// then a stand-in that the code never reads (see valueOp).
	valueOnly bool
	// before is the statement before the loop that makes the first attempt.
	before ast.Stmt
	// copies are the variables the loop body sets only from the call's
	// results (code = ans.Code), filled by resultCopy on first use.
	copies map[*types.Var]bool
}

// resultCopy reports whether v is a variable declared before the loop lc
// that its body sets only from what the call returned besides its error
// (code = ans.Code, kept for the message after the loop): a test of v is a
// test of the result, as ans.Code == ok would be. A copy declared in the
// body (switch n := resp.Status; n) stays what the machine made of it: a
// state the loop reads, as a monitor's switch on a status is.
func (o *opCand) resultCopy(info *types.Info, lc *loopCtx, v *types.Var) bool {
	if code.DeclaredIn(v, lc.loop) {
		return false
	}
	if o.copies == nil {
		o.copies = map[*types.Var]bool{}
		other := map[*types.Var]bool{} // set from something else somewhere
		ast.Inspect(lc.body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.IncDecStmt:
				if w := code.Var(info, n.X); w != nil {
					other[w] = true
				}
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					w := code.Var(info, l)
					if w == nil {
						continue
					}
					if len(n.Lhs) != len(n.Rhs) || n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
						other[w] = true
						continue
					}
					readsResult, readsOther := false, false
					ast.Inspect(n.Rhs[i], func(x ast.Node) bool {
						id, ok := x.(*ast.Ident)
						if !ok {
							return true
						}
						u, ok := info.Uses[id].(*types.Var)
						switch {
						case !ok || u.IsField():
						case o.isResult(u):
							readsResult = true
						case u.Pkg() != nil && u.Parent() == u.Pkg().Scope():
						default:
							readsOther = true
						}
						return true
					})
					if readsResult && !readsOther {
						o.copies[w] = true
					} else {
						other[w] = true
					}
				}
			}
			return true
		})
		for w := range other {
			delete(o.copies, w)
		}
		for _, r := range o.results {
			delete(o.copies, r)
		}
		delete(o.copies, o.err)
	}
	return o.copies[v]
}

func (o *opCand) isResult(v *types.Var) bool {
	for _, r := range o.results {
		if r == v && v != o.err {
			return true
		}
	}
	return false
}

// opCandidates lists, in source order, the statements of the loop body that
// call something and assign its error to a variable that a later condition
// of the body (or the loop's own) tests against nil.
func (m *matcher) opCandidates(lc *loopCtx) []*opCand {
	var out []*opCand
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for _, s := range list {
			var as *ast.AssignStmt
			switch s := s.(type) {
			case *ast.AssignStmt:
				as = s
			case *ast.IfStmt:
				if a, ok := s.Init.(*ast.AssignStmt); ok {
					as = a
				}
				visit(s.Body.List)
				if els, ok := s.Else.(*ast.BlockStmt); ok {
					visit(els.List)
				}
			case *ast.BlockStmt:
				visit(s.List)
			case *ast.RangeStmt:
				// for { for _, u := range urls { op(u) }; wait }: the
				// attempt runs in a walk over a list (see innerRange).
				if m.isInnerRange(s, lc) {
					visit(s.Body.List)
				}
			case *ast.SelectStmt:
				// for { select { case <-ctx.Done(): ...; case <-ticker.C:
				// op() } }: the attempt runs in a case.
				for _, c := range s.Body.List {
					visit(c.(*ast.CommClause).Body)
				}
			}
			if as == nil {
				continue
			}
			c := m.opOf(s, as)
			if c == nil {
				c = m.valueOpOf(s, as)
			}
			if c == nil {
				continue
			}
			if m.testedForNil(lc, c.err) {
				out = append(out, c)
			} else if c.witness = m.witnessOf(lc, c); c.witness != nil {
				out = append(out, c)
			}
		}
	}
	visit(lc.body.List)
	return out
}

// opOf reads an assignment of a call's results with an error among them;
// nil when s is not one, or calls something that only builds an error,
// waits, or asks whether a file exists.
func (m *matcher) opOf(s ast.Stmt, as *ast.AssignStmt) *opCand {
	if c := m.callOf(s, as); c != nil && c.err != nil {
		return c
	}
	return nil
}

// valueOpOf reads an assignment of the one result of a call that returns
// no error (see valueOp); nil when s is not one.
func (m *matcher) valueOpOf(s ast.Stmt, as *ast.AssignStmt) *opCand {
	if c := m.callOf(s, as); c != nil && c.err == nil {
		return m.valueOp(c)
	}
	return nil
}

// callOf reads an assignment of a call's results, with the error among
// them if the last is one; nil when s is not one, or calls something that
// only builds an error, waits, or asks whether a file exists.
func (m *matcher) callOf(s ast.Stmt, as *ast.AssignStmt) *opCand {
	if len(as.Rhs) != 1 || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || code.IsConversion(m.info, call) || m.isWaitCall(call) {
		return nil
	}
	if p, name, ok := code.PkgFunc(m.info, call); ok {
		switch {
		case p == "errors" || p == "fmt" || p == "context":
			return nil // builds an error, runs nothing
		case p == "os" && (name == "Stat" || name == "Lstat"):
			// asks whether a file exists yet: waiting for it is polling
			// for a condition, not retrying a call that failed
			return nil
		}
	}
	if fn := code.Method(m.info, call); fn != nil && fn.Name() == "Err" && len(call.Args) == 0 {
		return nil // ctx.Err()
	}
	c := &opCand{stmt: s, assign: as, call: call}
	for _, l := range as.Lhs {
		v := code.Var(m.info, l)
		c.results = append(c.results, v)
	}
	if n := len(c.results); n > 0 {
		if v := c.results[n-1]; v != nil && code.IsError(v.Type()) {
			c.err = v
		}
	}
	return c
}

// valueOp reads c, a call that returns no error, as one whose only
// result, a pointer, is nil when it failed (h = retrieveHandle()), or a
// bool, false then (ok := l.TryLock()); nil when it returns something
// else. Its error is a stand-in variable that no code reads: the outcome
// is the witness's alone.
func (m *matcher) valueOp(c *opCand) *opCand {
	if t := m.info.TypeOf(c.call); len(c.assign.Lhs) != 1 || !isPointer(t) && !isBoolType(t) {
		return nil
	}
	k, ok := keyOf(m.info, c.assign.Lhs[0])
	w, isVar := code.Object(m.info, c.assign.Lhs[0]).(*types.Var)
	if !ok || !isVar {
		return nil
	}
	c.err = types.NewVar(token.NoPos, nil, "", types.Universe.Lookup("error").Type())
	c.witness, c.witnessKey, c.valueOnly = w, k, true
	return c
}

// testedForNil reports whether the loop tests v's outcome anywhere: compares
// it with nil, or with a value of an error (err != syscall.EAGAIN,
// errors.Is(err, ErrBusy)), which only a failure can be.
func (m *matcher) testedForNil(lc *loopCtx, v *types.Var) bool {
	found := false
	ast.Inspect(lc.loop, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && !found {
			if _, ok := code.NilTest(m.info, e, v); ok || m.comparesErr(e, v) || m.testsError(e, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

// witnessOf returns the result of c that the loop reads its outcome from
// when it never compares the error with nil: a pointer result that it tests
// for nil (rc, err = c.Send(); if rc != nil { break }), the value a call
// hands back only when it succeeded. The error is then read only to
// classify a failure (errors.As). A loop that compares the error with nil
// too keeps the error as the outcome: a nil result with a nil error is
// another answer there (nothing found yet), not a failure.
func (m *matcher) witnessOf(lc *loopCtx, c *opCand) *types.Var {
	if c.valueOnly {
		if isBoolType(c.witness.Type()) && m.testedAsCond(lc, c.witness) || m.comparedWithNil(lc, c.witnessKey) {
			return c.witness
		}
		return nil
	}
	for _, v := range c.results {
		if v == nil || v == c.err || !isPointer(v.Type()) {
			continue
		}
		if m.comparedWithNil(lc, key{v: v}) {
			c.witnessKey = key{v: v}
			return v
		}
	}
	return nil
}

// comparedWithNil reports whether the loop compares what k names with nil
// anywhere.
func (m *matcher) comparedWithNil(lc *loopCtx, k key) bool {
	found := false
	ast.Inspect(lc.loop, func(n ast.Node) bool {
		b, ok := n.(*ast.BinaryExpr)
		if found || !ok || b.Op != token.EQL && b.Op != token.NEQ {
			return !found
		}
		for _, pair := range [][2]ast.Expr{{b.X, b.Y}, {b.Y, b.X}} {
			if x, ok := keyOf(m.info, pair[0]); ok && x == k && code.IsNil(m.info, pair[1]) {
				found = true
			}
		}
		return !found
	})
	return found
}

// testedAsCond reports whether a condition of the loop, or of an if
// statement in it, reads v.
func (m *matcher) testedAsCond(lc *loopCtx, v *types.Var) bool {
	found := false
	ast.Inspect(lc.loop, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.IfStmt:
			found = found || code.Uses(m.info, n.Cond, v)
		case *ast.ForStmt:
			found = found || code.Uses(m.info, n.Cond, v)
		}
		return !found
	})
	return found
}

// isPointer reports whether t is a pointer type.
func isPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// signal reports whether v tells the attempt's outcome: its error, or the
// result that stands witness for it.
func (o *opCand) signal(v *types.Var) bool {
	return v != nil && (v == o.err || v == o.witness)
}

// comparesErr reports whether e compares the error v with a value of an
// error: v == X, v != X, errors.Is(v, X).
func (m *matcher) comparesErr(e ast.Expr, v *types.Var) bool {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op != token.EQL && x.Op != token.NEQ {
			return false
		}
		return code.Var(m.info, x.X) == v && !code.IsNil(m.info, x.Y) || code.Var(m.info, x.Y) == v && !code.IsNil(m.info, x.X)
	case *ast.CallExpr:
		return code.IsPkgCall(m.info, x, "errors", "Is") && len(x.Args) == 2 && code.Var(m.info, x.Args[0]) == v
	}
	return false
}

// firstBefore returns the statement before the loop that makes the same call
// as c into the same variables, when the loop's condition goes on only
// while that call failed (err := op(); for err != nil && ... { ...; err = op() }).
func (m *matcher) firstBefore(lc *loopCtx, c *opCand) ast.Stmt {
	l, ok := lc.loop.(*ast.ForStmt)
	if !ok || l.Cond == nil || !code.Uses(m.info, l.Cond, c.err) || lc.block == nil {
		return nil
	}
	for i := lc.index - 1; i >= 0; i-- {
		s := lc.block[i]
		as, ok := s.(*ast.AssignStmt)
		if ok {
			if b := m.opOf(s, as); b != nil && b.err == c.err && types.ExprString(b.call) == types.ExprString(c.call) {
				return s
			}
		}
		if code.Assigned(m.info, s)[c.err] {
			return nil
		}
	}
	return nil
}
