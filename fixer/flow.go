package fixer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// exitKind is the way one path through the loop body ends.
type exitKind int

const (
	// exitReturn returns from the function.
	exitReturn exitKind = iota
	// exitBreak leaves the loop.
	exitBreak
	// exitRetry goes on to the next attempt: a continue, or the end of the
	// body.
	exitRetry
)

// exit is one way out of an attempt, with what is known at that point.
type exit struct {
	kind exitKind
	// stmt is the return or branch statement; nil for the end of the body.
	stmt  ast.Stmt
	facts facts
}

// state is what holds on one path through the body.
type state struct {
	live     bool // the path can reach this point
	waited   bool // the wait has run on it
	deferred bool // a defer has run on it: it may only end in a return
	facts    facts
}

// jumps says where unlabelled break and continue statements go.
type jumps struct {
	innerBreak    bool     // break leaves a nested switch, select or loop
	innerContinue bool     // continue goes to a nested loop
	breaks        *[]state // paths leaving the nested switch or select by break
}

// walker follows every path through the loop body: it records how each one
// leaves the attempt, and refuses the bodies whose paths a closure cannot
// keep.
type walker struct {
	r     *rewrite
	exits []*exit
}

func (w *walker) walkBody(body *ast.BlockStmt, in state) error {
	out, err := w.stmts(body.List, in, jumps{})
	if err != nil {
		return err
	}
	if out.live {
		if out.deferred {
			return noFix("a defer inside the loop would run after each attempt")
		}
		if !out.waited {
			return noFix("some attempts are retried without waiting")
		}
		w.exits = append(w.exits, &exit{kind: exitRetry, facts: out.facts})
	}
	return nil
}

func (w *walker) stmts(list []ast.Stmt, in state, j jumps) (state, error) {
	s := in
	for _, st := range list {
		if !s.live {
			// Unreachable code changes nothing; gofmt keeps it, so do we.
			break
		}
		var err error
		s, err = w.stmt(st, s, j)
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

func (w *walker) merge(a, b state) (state, error) {
	switch {
	case !a.live:
		return b, nil
	case !b.live:
		return a, nil
	case a.waited != b.waited:
		return a, noFix("the loop waits on some paths only")
	}
	return state{live: true, waited: a.waited, deferred: a.deferred || b.deferred, facts: a.facts.meet(b.facts)}, nil
}

func (w *walker) stmt(st ast.Stmt, s state, j jumps) (state, error) {
	r := w.r
	if st == r.waitStmt {
		if r.waitAtStart {
			return s, nil // moved, in effect, to the end of the previous attempt
		}
		if s.waited {
			return s, noFix("the loop waits twice")
		}
		s.waited = true
		return s, nil
	}
	if r.deleted[st] {
		s.facts = r.track.kill(s.facts, st)
		return s, nil
	}
	if s.waited && !r.waitAtStart {
		switch st := st.(type) {
		case *ast.BranchStmt:
		default:
			if !r.movable[st] {
				return s, noFix("code runs between the wait and the next attempt")
			}
			// A counter step or an update of the delay: it stays where it
			// is, before the return that asks for the next attempt.
			s.facts = r.track.kill(s.facts, st)
			return s, nil
		}
	}
	switch st := st.(type) {
	case *ast.ReturnStmt:
		w.exits = append(w.exits, &exit{kind: exitReturn, stmt: st, facts: s.facts})
		return state{}, nil

	case *ast.BranchStmt:
		return w.branch(st, s, j)

	case *ast.BlockStmt:
		return w.stmts(st.List, s, j)

	case *ast.LabeledStmt:
		return w.stmt(st.Stmt, s, j)

	case *ast.IfStmt:
		if st.Init != nil {
			var err error
			if s, err = w.stmt(st.Init, s, j); err != nil {
				return s, err
			}
		}
		thenIn, elseIn := s, s
		thenIn.facts = r.track.cond(s.facts, st.Cond, true)
		elseIn.facts = r.track.cond(s.facts, st.Cond, false)
		if v, known := r.track.truth(s.facts, st.Cond); known {
			if v {
				elseIn.live = false
			} else {
				thenIn.live = false
			}
		}
		thenOut, err := w.stmts(st.Body.List, thenIn, j)
		if err != nil {
			return s, err
		}
		elseOut := elseIn
		if st.Else != nil {
			if elseOut, err = w.stmt(st.Else, elseIn, j); err != nil {
				return s, err
			}
		}
		return w.merge(thenOut, elseOut)

	case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		return w.cases(st, s, j)

	case *ast.ForStmt, *ast.RangeStmt:
		return w.innerLoop(st, s, j)

	case *ast.DeferStmt:
		// A deferred call runs when the closure returns instead of when the
		// function does: the same moment if the attempt then returns from
		// the function, and nothing runs in between.
		if _, lit := ast.Unparen(st.Call.Fun).(*ast.FuncLit); lit {
			return s, noFix("a defer inside the loop would run after each attempt")
		}
		s.deferred = true
		return s, nil

	case *ast.GoStmt, *ast.SendStmt, *ast.EmptyStmt:
		return s, nil

	case *ast.ExprStmt:
		if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := r.info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					return state{}, nil
				}
			}
		}
		return s, nil

	case *ast.AssignStmt:
		if st.Tok == token.ASSIGN || st.Tok == token.DEFINE {
			s.facts = r.track.assign(s.facts, st.Lhs, st.Rhs)
		} else {
			s.facts = r.track.kill(s.facts, st)
		}
		return s, nil

	case *ast.IncDecStmt, *ast.DeclStmt:
		if ds, ok := st.(*ast.DeclStmt); ok {
			if gd, ok := ds.Decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					if len(vs.Values) == 0 {
						// var err error: the zero value.
						for _, id := range vs.Names {
							if v := r.track.varOf(id); v != nil && types.IsInterface(v.Type()) {
								s.facts = s.facts.with(v, isNil)
							}
						}
						continue
					}
					lhs := make([]ast.Expr, len(vs.Names))
					for i, id := range vs.Names {
						lhs[i] = id
					}
					s.facts = r.track.assign(s.facts, lhs, vs.Values)
				}
				return s, nil
			}
		}
		s.facts = r.track.kill(s.facts, st)
		return s, nil
	}
	return s, noFix("the loop holds a statement the fixer does not follow")
}

// branch follows a break, continue, goto or fallthrough.
func (w *walker) branch(st *ast.BranchStmt, s state, j jumps) (state, error) {
	r := w.r
	toLoop := false
	switch {
	case st.Tok == token.GOTO:
		return s, noFix("the loop uses goto")
	case st.Tok == token.FALLTHROUGH:
		return s, noFix("the loop uses fallthrough")
	case st.Label != nil:
		target := r.info.Uses[st.Label]
		if r.label == nil || target != r.label {
			if target != nil && within(r.labelDecl(target), r.body) {
				// A labelled statement inside the body: the jump stays
				// inside the attempt.
				return state{}, nil
			}
			return s, noFix("a labelled " + st.Tok.String() + " leaves to an outer loop")
		}
		toLoop = true
	case st.Tok == token.BREAK:
		if j.innerBreak {
			if j.breaks != nil {
				*j.breaks = append(*j.breaks, s)
			}
			return state{}, nil
		}
		toLoop = true
	case st.Tok == token.CONTINUE:
		if j.innerContinue {
			return state{}, nil
		}
		toLoop = true
	}
	if !toLoop {
		return state{}, nil
	}
	if s.deferred {
		return s, noFix("a defer inside the loop would run after each attempt")
	}
	switch st.Tok {
	case token.BREAK:
		if s.waited && !r.waitAtStart {
			return s, noFix("the loop leaves after the wait")
		}
		w.exits = append(w.exits, &exit{kind: exitBreak, stmt: st, facts: s.facts})
	case token.CONTINUE:
		if !s.waited && !r.waitAtStart {
			return s, noFix("some attempts are retried without waiting")
		}
		w.exits = append(w.exits, &exit{kind: exitRetry, stmt: st, facts: s.facts})
	}
	return state{}, nil
}

// cases follows a switch, type switch or select that is not the wait.
func (w *walker) cases(st ast.Stmt, s state, j jumps) (state, error) {
	r := w.r
	var clauses []ast.Stmt
	hasDefault := false
	switch st := st.(type) {
	case *ast.SwitchStmt:
		if st.Init != nil {
			var err error
			if s, err = w.stmt(st.Init, s, j); err != nil {
				return s, err
			}
		}
		clauses = st.Body.List
	case *ast.TypeSwitchStmt:
		if st.Init != nil {
			var err error
			if s, err = w.stmt(st.Init, s, j); err != nil {
				return s, err
			}
		}
		s.facts = r.track.kill(s.facts, st.Assign)
		clauses = st.Body.List
	case *ast.SelectStmt:
		clauses = st.Body.List
		hasDefault = true // a select always runs one of its clauses
	}
	var breaks []state
	inner := jumps{innerBreak: true, innerContinue: j.innerContinue, breaks: &breaks}
	out := state{}
	for _, c := range clauses {
		var body []ast.Stmt
		in := s
		switch c := c.(type) {
		case *ast.CaseClause:
			body = c.Body
			if c.List == nil {
				hasDefault = true
			}
		case *ast.CommClause:
			body = c.Body
			if c.Comm != nil {
				in.facts = r.track.kill(in.facts, c.Comm)
			}
		}
		o, err := w.stmts(body, in, inner)
		if err != nil {
			return s, err
		}
		if out, err = w.merge(out, o); err != nil {
			return s, err
		}
	}
	if !hasDefault {
		var err error
		if out, err = w.merge(out, s); err != nil {
			return s, err
		}
	}
	for _, b := range breaks {
		var err error
		if out, err = w.merge(out, b); err != nil {
			return s, err
		}
	}
	return out, nil
}

// innerLoop follows a loop nested in the body: its returns are exits of the
// attempt; its breaks and continues stay inside it.
func (w *walker) innerLoop(st ast.Stmt, s state, j jumps) (state, error) {
	r := w.r
	var body *ast.BlockStmt
	var pre []ast.Stmt
	switch st := st.(type) {
	case *ast.ForStmt:
		body = st.Body
		if st.Init != nil {
			pre = append(pre, st.Init)
		}
	case *ast.RangeStmt:
		body = st.Body
	}
	for _, p := range pre {
		var err error
		if s, err = w.stmt(p, s, j); err != nil {
			return s, err
		}
	}
	in := state{live: true, waited: s.waited, deferred: s.deferred, facts: r.track.kill(s.facts, st)}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			in.deferred = true // stays registered after the nested loop
		}
		return true
	})
	if _, err := w.stmts(body.List, in, jumps{innerBreak: true, innerContinue: true}); err != nil {
		return s, err
	}
	return in, nil
}
