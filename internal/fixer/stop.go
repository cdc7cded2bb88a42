package fixer

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// stopPlan is how the call watches the loop's stop channel (see
// shape.StopChan): the option, the declaration of the variable the value
// received goes to ("" when nothing reads it), and the branch after the
// call that goes where the loop went when the channel was ready.
type stopPlan struct {
	option, decl, branch string
}

// stop plans the stop channel of the retry; the zero plan when it has none.
func (x *renderer) stop() (stopPlan, error) {
	var p stopPlan
	s := x.r.Exits.Stop
	if s == nil {
		return p, nil
	}
	in := x.r.Exits.Stopped
	if in == nil || in.Return == nil || in.ReadsCounter {
		return p, noFix(shape.ReasonStopChannel)
	}
	nodes := []ast.Node{in.Return}
	for _, st := range in.Stmts {
		nodes = append(nodes, st)
	}
	// What the loop returned there may read the value received, which the
	// call keeps in a variable of the same name, but nothing else of the
	// attempt: the last error is inside the *retry.StoppedError.
	if x.readsLastErr(*in) || x.readsLocalBut(s.Value, nodes) {
		return p, noFix(shape.ReasonExitLocal)
	}
	repl := x.mirrorRepl()
	got := "nil"
	if s.Value != nil && x.usesAny(s.Value, nodes...) {
		// The name of the case's variable, unless it is taken where the
		// loop stands or by the call's results.
		taken := &ast.Ident{Name: x.r.Op.Err.Name()}
		name := x.freshName(x.r.Loop.Outer().Pos(), []ast.Node{taken, x.valueIdent()}, s.Value.Name())
		if name != s.Value.Name() {
			repl[s.Value] = name
		}
		typ, err := x.typeText(s.Value.Type())
		if err != nil {
			return p, err
		}
		p.decl = "var " + name + " " + typ
		got = "&" + name
	}
	fn := "WaitsEndOn"
	if s.Before {
		fn = "StopBefore"
	}
	R := x.names.retry
	p.option = R + "." + fn + "(" + x.nodeText(s.Chan) + ", " + got + ")"
	var body []string
	for _, st := range in.Stmts {
		body = append(body, x.subst(st, repl))
	}
	body = append(body, x.subst(in.Return, repl))
	p.branch = "if " + R + ".Stopped(" + x.r.Op.Err.Name() + ") {\n" + strings.Join(body, "\n") + "\n}"
	return p, nil
}

// withStop puts the stop plan into the tail: its branch comes first after
// the call, which then needs its error in a variable.
func (x *renderer) withStop(t tailPlan, p stopPlan, clo closurePlan) tailPlan {
	if p.branch == "" {
		return t
	}
	t.stop = p.option
	if p.decl != "" {
		t.decls = append(t.decls, p.decl)
	}
	var names []string
	if clo.value != nil {
		names = append(names, clo.value.Name())
	}
	names = append(names, x.r.Op.Err.Name())
	switch {
	case t.ret:
		// return retry.Do(...): the branch must come first
		t.ret, t.stmts, t.lhs = false, []string{"return " + strings.Join(names, ", ")}, names
	case len(t.lhs) == 0:
		if clo.value != nil {
			names[0] = "_"
		}
		t.lhs = names
	}
	t.stmts = append([]string{p.branch}, t.stmts...)
	return t
}

// valueIdent is the name of the operation's value, as a node for freshName;
// nil when it has none.
func (x *renderer) valueIdent() ast.Node {
	for _, v := range x.r.Op.Results {
		if v != nil && v != x.r.Op.Err {
			return &ast.Ident{Name: v.Name()}
		}
	}
	return &ast.Ident{Name: "_"}
}

// readsLocalBut reports whether nodes read a variable declared in the loop
// body other than except, or a result of the operation: where no call was
// made yet, the call would give its zero value.
func (x *renderer) readsLocalBut(except *types.Var, nodes []ast.Node) bool {
	body := x.r.Loop.Body
	found := false
	for _, n := range nodes {
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok {
				if v, ok := x.info.Uses[id].(*types.Var); ok && v != except && (code.DeclaredIn(v, body) && !code.DeclaredIn(v, n) || x.isResult(v)) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}
