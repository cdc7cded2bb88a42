package shape

// Conditions the machine cannot compute, the atoms a path forks on, and what each depends on.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// atomKind is what an atom, a condition the machine cannot compute,
// depends on.
type atomKind int

// branch is a state in which a condition took a value.
type branch struct {
	st  *state
	val bool
}

// decide evaluates a condition, forking on the atoms it depends on.
func (mc *machine) decide(st *state, cond ast.Expr, at ast.Node) []branch {
	if at != nil && at == mc.override {
		st.lastCond = at
		return []branch{{st, mc.overrideValue(cond)}}
	}
	if st.outcome == pending && mc.readsErr(cond) {
		var out []branch
		for _, c := range mc.split(st) {
			out = append(out, mc.decide(c, cond, at)...)
		}
		return out
	}
	v := mc.eval(st, cond)
	if v.kind == boolV {
		st.lastCond = at
		return []branch{{st, v.b}}
	}
	atom := mc.atomOf(st, cond)
	if atom == nil {
		return nil
	}
	text := mc.m.text(atom)
	if a, ok := st.assume[text]; ok && sameObjects(mc.m.info, a.expr, atom) {
		// Assumed already, and still not known: forking again would
		// never end.
		return nil
	}
	kind := mc.atomKind(atom)
	var out []branch
	for _, val := range []bool{true, false} {
		c := st.clone()
		c.assumeAtom(text, atomVal{val: val, kind: kind, expr: atom, op: c.ops})
		c.record(mc, event{kind: forkEvent, atom: text, val: val})
		out = append(out, mc.decide(c, cond, at)...)
	}
	return out
}

// overrideValue is the value that keeps the loop going for the overridden
// condition: true for the loop's own condition, false for an exit test.
func (mc *machine) overrideValue(cond ast.Expr) bool {
	if l, ok := mc.lc.loop.(*ast.ForStmt); ok && l.Cond == cond {
		return true
	}
	return false
}

// atomOf returns the first part of a condition, in evaluation order, that
// the machine cannot compute.
func (mc *machine) atomOf(st *state, e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if mc.eval(st, e).kind == boolV {
		return nil
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.LAND || x.Op == token.LOR {
			if a := mc.atomOf(st, x.X); a != nil {
				return a
			}
			return mc.atomOf(st, x.Y)
		}
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return mc.atomOf(st, x.X)
		}
	}
	return e
}

// atomKind classifies an atom by what it reads.
func (mc *machine) atomKind(e ast.Expr) atomKind {
	info := mc.m.info
	readsErr, readsResult, readsVariant, ctx, clock := false, false, false, false, false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if p, name, ok := code.PkgFunc(info, n); ok && p == "time" && (name == "Now" || name == "Since" || name == "Until") {
				clock = true
			}
			if isCtxCheck(info, n) {
				ctx = true
			}
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if !ok {
				return true
			}
			switch {
			case mc.op.signal(v):
				readsErr = true
			case mc.op.isResult(v) || mc.op.resultCopy(info, mc.lc, v):
				readsResult = true
			case mc.lc.predLocals[v]:
				readsErr = true // filled from the error, for its test
			case mc.lc.changed[v] || code.DeclaredIn(v, mc.lc.loop):
				readsVariant = true
			}
		}
		return true
	})
	switch {
	case clock && !readsErr && !readsResult:
		return budgetAtom
	case ctx && !readsErr && !readsResult:
		return ctxAtom
	case readsResult:
		return resultAtom
	case readsErr && !readsVariant:
		return errAtom
	}
	return otherAtom
}

// isCtxCheck reports whether call asks a context whether it ended:
// ctx.Err(), or a method of a context type of the code's own that says so
// (ctx.Canceled() bool).
func isCtxCheck(info *types.Info, call *ast.CallExpr) bool {
	fn := code.Method(info, call)
	if fn == nil || len(call.Args) != 0 || fn.Name() != "Err" && !isOwnCtxCheck(fn) {
		return false
	}
	tv, ok := info.Types[ast.Unparen(call.Fun).(*ast.SelectorExpr).X]
	return ok && code.IsContext(tv.Type)
}

// isOwnCtxCheck reports whether fn is a method of a context type that says
// whether it ended, other than Err: what it tests is the code's to say.
func isOwnCtxCheck(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return false
	}
	switch fn.Name() {
	case "Canceled", "Cancelled", "IsCanceled", "IsCancelled", "Expired":
		b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Bool
	}
	return false
}

// assumed returns what the path assumed of e, if e is an atom it decided;
// eval consults it before computing. Atoms are conditions: an expression
// of another type is none, and is not rendered to be looked up.
func (st *state) assumed(m *matcher, e ast.Expr) (bool, bool) {
	if len(st.assume) == 0 {
		return false, false
	}
	t := m.typeOf(e)
	if t == nil {
		return false, false
	}
	if b, ok := t.Underlying().(*types.Basic); !ok || b.Info()&types.IsBoolean == 0 {
		return false, false
	}
	a, ok := st.assume[m.text(e)]
	if !ok || !sameObjects(m.info, a.expr, e) {
		return false, false
	}
	return a.val, true
}

// sameObjects reports whether two expressions of the same text name the
// same variables, functions and packages: the err != nil of an error
// declared in an if's init is not the err != nil of the operation's error,
// and what a path assumed of the one says nothing of the other.
func sameObjects(info *types.Info, x, y ast.Expr) bool {
	if x == y || x == nil || y == nil {
		return true
	}
	var xs []types.Object
	ast.Inspect(x, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			xs = append(xs, info.ObjectOf(id))
		}
		return true
	})
	i, same := 0, true
	ast.Inspect(y, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && same {
			same = i < len(xs) && xs[i] == info.ObjectOf(id)
			i++
		}
		return same
	})
	return same && i == len(xs)
}
