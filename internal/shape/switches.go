package shape

// Switches and selects, run as the chains of tests they stand for.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// switchStmt runs an expression switch as the chain of ifs it stands for.
func (mc *machine) switchStmt(st *state, s *ast.SwitchStmt) []path {
	if s.Init != nil {
		var out []path
		for _, p := range mc.stmt(st, s.Init, nil) {
			if p.t.kind != fallThrough {
				out = append(out, p)
				continue
			}
			c := *s
			c.Init = nil
			out = append(out, mc.switchStmt(p.st, &c)...)
		}
		return out
	}
	var def *ast.CaseClause
	var pending []*state
	pending = append(pending, st)
	var out []path
	for _, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		if cc.List == nil {
			def = cc
			continue
		}
		var next []*state
		for _, ps := range pending {
			for _, b := range mc.decide(ps, mc.caseCond(s.Tag, cc), cc) {
				if b.val {
					out = append(out, mc.caseBody(b.st, cc.Body)...)
				} else {
					next = append(next, b.st)
				}
			}
		}
		pending = next
	}
	return append(out, mc.noCaseTaken(pending, def)...)
}

// caseCond builds the condition of a case: tag == v1 || tag == v2, or the
// case's own conditions for a switch with no tag.
func (mc *machine) caseCond(tag ast.Expr, cc *ast.CaseClause) ast.Expr {
	m := mc.m
	if c, ok := m.caseConds[cc]; ok {
		return c
	}
	var cond ast.Expr
	for _, e := range cc.List {
		c := e
		if tag != nil {
			c = m.boolExpr(&ast.BinaryExpr{X: tag, Op: token.EQL, Y: e, OpPos: e.Pos()})
		}
		if cond == nil {
			cond = c
		} else {
			cond = m.boolExpr(&ast.BinaryExpr{X: cond, Op: token.LOR, Y: c, OpPos: c.Pos()})
		}
	}
	if m.caseConds == nil {
		m.caseConds = map[*ast.CaseClause]ast.Expr{}
	}
	m.caseConds[cc] = cond
	return cond
}

// caseBody runs the body of a case clause: an unlabelled break ends the
// switch, not the loop.
func (mc *machine) caseBody(st *state, body []ast.Stmt) []path {
	var out []path
	for _, p := range mc.exec(st, body) {
		if p.t.kind == leaveLoop {
			if b, ok := p.t.stmt.(*ast.BranchStmt); ok && b.Label == nil {
				p.t = term{}
			}
		}
		out = append(out, p)
	}
	return out
}

// typeSwitch runs a type switch on the attempt's error: each case is an atom
// (the error is a T) the machine forks on.
func (mc *machine) typeSwitch(st *state, s *ast.TypeSwitchStmt) []path {
	if s.Init != nil {
		return []path{{st, term{kind: stuck, stmt: s}}}
	}
	if states := mc.settle(st, s.Assign); len(states) > 1 {
		var out []path
		for _, c := range states {
			out = append(out, mc.typeSwitch(c, s)...)
		}
		return out
	}
	var def *ast.CaseClause
	pending := []*state{st}
	var out []path
	for _, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		if cc.List == nil {
			def = cc
			continue
		}
		var next []*state
		for _, ps := range pending {
			vals := []bool{true, false}
			if v, ok := mc.caseKnown(ps, s, cc); ok {
				vals = []bool{v}
			}
			// The case is an atom of its own: its text says what it tests.
			for _, val := range vals {
				b := ps.clone()
				key := typeSwitchAtom(s, cc)
				b.assumeAtom(key, atomVal{val: val, kind: mc.typeSwitchKind(s), op: b.ops})
				b.record(mc, event{kind: forkEvent, atom: key, val: val})
				if val {
					out = append(out, mc.caseBody(b, cc.Body)...)
				} else {
					next = append(next, b)
				}
			}
		}
		pending = next
	}
	return append(out, mc.noCaseTaken(pending, def)...)
}

func exprList(list []ast.Expr) string {
	s := ""
	for i, e := range list {
		if i > 0 {
			s += ", "
		}
		s += types.ExprString(e)
	}
	return s
}

// typeSwitchAtom names the atom "the switched value is one of the case's
// types".
// caseKnown decides a case of a type switch on the attempt's error when the
// machine knows whether the error is nil: a nil error matches case nil
// only, and a failure never does.
func (mc *machine) caseKnown(st *state, s *ast.TypeSwitchStmt, cc *ast.CaseClause) (bool, bool) {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		x = a.Rhs[0]
	}
	ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr)
	if !ok {
		return false, false
	}
	v := mc.eval(st, ta.X)
	if v.kind != errV {
		return false, false
	}
	hasNil := false
	for _, e := range cc.List {
		if code.IsNil(mc.m.info, e) {
			hasNil = true
		}
	}
	if !v.b {
		return hasNil, true
	}
	if hasNil && len(cc.List) == 1 {
		return false, true
	}
	return false, false
}

func typeSwitchAtom(s *ast.TypeSwitchStmt, cc *ast.CaseClause) string {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		x = a.Rhs[0]
	}
	return types.ExprString(x) + " in (" + exprList(cc.List) + ")"
}

// typeSwitchKind classifies a type switch by what it switches on.
func (mc *machine) typeSwitchKind(s *ast.TypeSwitchStmt) atomKind {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		x = a.Rhs[0]
	}
	if ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr); ok {
		return mc.atomKind(ta.X)
	}
	return otherAtom
}

// selectStmt runs a select that is not a wait: a check of a context's end
// (select { case <-ctx.Done(): return ctx.Err(); default: }), or channels
// the machine forks on.
func (mc *machine) selectStmt(st *state, s *ast.SelectStmt) []path {
	var out []path
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		b := st.clone()
		what := "default"
		kind := otherAtom
		if cc.Comm != nil {
			what = types.ExprString(recvChan(cc.Comm))
			if ch := recvChan(cc.Comm); ch != nil && mc.m.doneCtx(ch) != nil {
				kind = ctxAtom
			}
		}
		key := "select case " + what
		b.assumeAtom(key, atomVal{val: true, kind: kind, op: b.ops})
		b.record(mc, event{kind: forkEvent, atom: key, val: true})
		for _, p := range mc.caseBody(b, cc.Body) {
			out = append(out, p)
		}
	}
	return out
}

// noCaseTaken runs the states in which no case of a switch held: through
// its default clause, or past the switch when it has none.
func (mc *machine) noCaseTaken(pending []*state, def *ast.CaseClause) []path {
	var out []path
	for _, ps := range pending {
		if def != nil {
			out = append(out, mc.caseBody(ps, def.Body)...)
		} else {
			out = append(out, path{ps, term{}})
		}
	}
	return out
}
