package shape

// The statements of an attempt the machine runs: the operation, the waits, and the assignments it follows.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// opAssign is the expression the i-th assignment of s (d *= 2) computes
// (d * 2), with op its operator; built once per statement.
func (m *matcher) opAssign(s *ast.AssignStmt, i int, op token.Token) *ast.BinaryExpr {
	bins := m.opAssigns[s]
	if bins == nil {
		bins = make([]*ast.BinaryExpr, len(s.Lhs))
		if m.opAssigns == nil {
			m.opAssigns = map[*ast.AssignStmt][]*ast.BinaryExpr{}
		}
		m.opAssigns[s] = bins
	}
	if bins[i] == nil {
		bins[i] = &ast.BinaryExpr{X: s.Lhs[i], Op: op, Y: s.Rhs[i], OpPos: s.TokPos}
		m.built(bins[i], m.info.TypeOf(s.Lhs[i]))
	}
	return bins[i]
}

// runOp runs the operation. Its outcome is pending until the code first
// tests the error: then the machine forks (see settle), so that a test of
// the error against a sentinel alone (err != syscall.EAGAIN) decides the
// outcome as a test against nil does.
func (mc *machine) runOp(st *state) []path {
	c := st.clone()
	c.ops++
	// A new attempt: the atoms of the last one's results no longer hold,
	// and the clock has moved.
	c.forget(func(a atomVal) bool { return a.kind == errAtom || a.kind == resultAtom || a.kind == budgetAtom })
	for _, v := range mc.op.results {
		if v != nil {
			c.unset(key{v: v})
		}
	}
	if mc.op.witness != nil {
		c.unset(mc.op.witnessKey)
	}
	c.outcome, c.later = pending, false
	c.record(mc, event{kind: opEvent, stmt: mc.op.stmt})
	if ifs, ok := mc.op.stmt.(*ast.IfStmt); ok {
		// if err := op(); cond { ... }
		return mc.ifStmt(c, ifs)
	}
	return []path{{c, term{}}}
}

// settle forks a state whose attempt's outcome is pending when n reads the
// error (or a variable filled from it): on one copy the attempt succeeded
// and the error is nil, on the other it failed. Other states are returned
// as they are.
func (mc *machine) settle(st *state, n ast.Node) []*state {
	if st.outcome != pending || n == nil || !mc.readsErr(n) {
		return []*state{st}
	}
	return mc.split(st)
}

// split returns the two outcomes of a pending attempt.
func (mc *machine) split(st *state) []*state {
	var out []*state
	for _, o := range []outcome{failed, succeeded} {
		c := st.clone()
		c.outcome = o
		c.set(key{v: mc.op.err}, value{kind: errV, b: o == failed})
		if mc.op.witness != nil {
			// the witness is there on a success only
			if isBoolType(mc.op.witness.Type()) {
				c.set(mc.op.witnessKey, boolVal(o == succeeded))
			} else {
				c.set(mc.op.witnessKey, value{kind: errV, b: o == succeeded})
			}
		}
		out = append(out, c)
	}
	return out
}

// readsErr reports whether n reads the attempt's error, directly or
// through a variable filled from it for its test.
func (mc *machine) readsErr(n ast.Node) bool {
	info := mc.m.info
	return code.Uses(info, n, mc.op.err) || mc.op.witness != nil && code.Uses(info, n, mc.op.witness) || code.UsesAny(info, n, mc.lc.predLocals)
}

// initReadsErr reports whether the Init of an if computes a value from the
// attempt's error (code := status.Code(err)), other than by making the
// attempt.
func (mc *machine) initReadsErr(init ast.Stmt) bool {
	as, ok := init.(*ast.AssignStmt)
	if !ok || as == mc.op.assign {
		return false
	}
	for _, r := range as.Rhs {
		if mc.readsErr(r) {
			return true
		}
	}
	return false
}

// runWait runs a wait: its delay is recorded. A wait
// that watches a context forks: on one path the context ended.
func (mc *machine) runWait(st *state, w *Wait) []path {
	d := value{}
	if w.Delay != nil {
		d = mc.eval(st, w.Delay)
	}
	var out []path
	sel, isSelect := w.Stmt.(*ast.SelectStmt)
	if isSelect {
		for _, c := range sel.Body.List {
			cc := c.(*ast.CommClause)
			ch := recvChan(cc.Comm)
			b := st.clone()
			switch {
			case mc.m.doneCtx(ch) != nil:
				key := "ctx done: " + types.ExprString(ch)
				b.assumeAtom(key, atomVal{val: true, kind: ctxAtom, op: b.ops})
				b.record(mc, event{kind: forkEvent, atom: key, val: true})
			case isOther(w, cc):
				key := "select case " + types.ExprString(ch)
				b.assumeAtom(key, atomVal{val: true, kind: otherAtom, op: b.ops})
				b.record(mc, event{kind: forkEvent, atom: key, val: true})
			default:
				b.record(mc, event{kind: waitEvent, stmt: w.Stmt, wait: w, delay: d})
			}
			out = append(out, mc.caseBody(b, cc.Body)...)
		}
		return out
	}
	if w.Stop != nil {
		// a helper that returns early when its stop channel is ready, as
		// a select case on it would
		out = append(out, mc.helperEnded(st, w, "select case "+types.ExprString(w.Stop), otherAtom)...)
	}
	if w.Ctx != nil {
		// a helper that returns early when its context ends
		out = append(out, mc.helperEnded(st, w, "ctx done: "+w.Ctx.Name(), ctxAtom)...)
	}
	st.record(mc, event{kind: waitEvent, stmt: w.Stmt, wait: w, delay: d})
	return append([]path{{st, term{}}}, out...)
}

// helperEnded is the path on which the helper wait w returned early, the
// atom key (of kind) holding: what the if around the call does then
// (if !sleep(ctx, d) { return }), or, for a call alone, the code after it.
func (mc *machine) helperEnded(st *state, w *Wait, key string, kind atomKind) []path {
	b := st.clone()
	b.assumeAtom(key, atomVal{val: true, kind: kind, op: b.ops})
	b.record(mc, event{kind: forkEvent, atom: key, val: true})
	if ifs, ok := w.Stmt.(*ast.IfStmt); ok {
		return mc.exec(b, ifs.Body.List)
	}
	return []path{{b, term{}}}
}

func isOther(w *Wait, cc *ast.CommClause) bool {
	for _, o := range w.Other {
		if o == cc {
			return true
		}
	}
	return false
}

// opaque runs a statement with no control flow of the loop's: it is
// recorded, and the values it assigns are computed where the machine can.
func (mc *machine) opaque(st *state, s ast.Stmt) {
	st.record(mc, event{kind: stmtEvent, stmt: s})
	mc.assign(st, s)
	if mc.m.assigned(s)[mc.op.err] {
		switch st.outcome {
		case pending:
			// The error is rewritten before any test (err = wrap(err)):
			// the outcome is still the first test's.
			return
		case succeeded:
			if st.get(mc, key{v: mc.op.err}).known() {
				return // err = nil
			}
			// A later step of the attempt set the error (err = verify()):
			// its test decides whether the attempt as a whole failed.
			st.outcome, st.later = pending, true
			return
		}
		// Another call set the error after a failure (req, err :=
		// http.NewRequest(...)): what the code tests now is not the
		// operation's outcome.
		st.outcome = noOutcome
		st.forget(func(a atomVal) bool { return a.kind == errAtom })
	}
}

// assign computes the effect of s on the values the machine keeps.
func (mc *machine) assign(st *state, s ast.Stmt) {
	info := mc.m.info
	switch s := s.(type) {
	case *ast.AssignStmt:
		if len(s.Lhs) != len(s.Rhs) {
			for _, l := range s.Lhs {
				if k, ok := keyOf(info, l); ok {
					st.set(k, value{})
				}
			}
			return
		}
		vals := make([]value, len(s.Rhs))
		for i, r := range s.Rhs {
			vals[i] = mc.eval(st, r)
			if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
				op, ok := assignOp(s.Tok)
				if !ok {
					vals[i] = value{}
					continue
				}
				vals[i] = mc.eval(st, mc.m.opAssign(s, i, op))
			}
		}
		for i, l := range s.Lhs {
			if k, ok := keyOf(info, l); ok {
				st.set(k, vals[i])
			}
		}
	case *ast.IncDecStmt:
		if k, ok := keyOf(info, s.X); ok {
			v := st.get(mc, k)
			if v.kind == intV {
				if s.Tok == token.INC {
					v.i++
				} else {
					v.i--
				}
				st.set(k, v)
			} else {
				st.set(k, value{})
			}
		}
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				v, _ := info.Defs[n].(*types.Var)
				if v == nil {
					continue
				}
				switch {
				case len(vs.Values) == 0:
					st.set(key{v: v}, zeroOf(v.Type()))
				case len(vs.Values) == len(vs.Names):
					st.set(key{v: v}, mc.eval(st, vs.Values[i]))
				default:
					st.set(key{v: v}, value{})
				}
			}
		}
	case *ast.IfStmt:
		// if d > max { d = max }: computed when the condition is known
		if s.Init != nil {
			mc.assign(st, s.Init)
		}
		changed := mc.m.assigned(s)
		if len(changed) == 0 {
			return
		}
		v := mc.eval(st, s.Cond)
		if v.kind != boolV {
			for k := range changed {
				st.set(key{v: k}, value{})
			}
			return
		}
		switch {
		case v.b:
			for _, b := range s.Body.List {
				mc.assign(st, b)
			}
		case s.Else != nil:
			mc.assign(st, s.Else)
		}
	case *ast.BlockStmt:
		for _, b := range s.List {
			mc.assign(st, b)
		}
	default:
		for v := range mc.m.assigned(s) {
			st.set(key{v: v}, value{})
		}
	}
}

func assignOp(tok token.Token) (token.Token, bool) {
	switch tok {
	case token.ADD_ASSIGN:
		return token.ADD, true
	case token.SUB_ASSIGN:
		return token.SUB, true
	case token.MUL_ASSIGN:
		return token.MUL, true
	case token.QUO_ASSIGN:
		return token.QUO, true
	case token.REM_ASSIGN:
		return token.REM, true
	case token.SHL_ASSIGN:
		return token.SHL, true
	case token.SHR_ASSIGN:
		return token.SHR, true
	case token.AND_ASSIGN:
		return token.AND, true
	case token.OR_ASSIGN:
		return token.OR, true
	case token.XOR_ASSIGN:
		return token.XOR, true
	}
	return 0, false
}

// zeroOf is the zero value of a type the machine keeps.
func zeroOf(t types.Type) value {
	switch {
	case isIntType(t):
		return intVal(0)
	case isFloatType(t):
		return value{kind: floatV}
	case isBoolType(t):
		return boolVal(false)
	case code.IsError(t):
		return value{kind: errV}
	}
	return value{}
}
