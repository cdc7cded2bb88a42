package fixer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// A value-only operation returns no error: a nil pointer or a false bool is
// its failure (s := d.Dial(addr); if s != nil { return s }). The closure
// turns that result into an error of its own, a sentinel the fix declares
// right before the call, so that the retry package sees the failures the
// loop saw:
//
//	errDialNil := errors.New("dial returned nil")
//	s, _ := retry.DoValue(ctx, func(context.Context) (*Session, error) {
//		if s := d.Dial(addr); s != nil {
//			return s, nil
//		}
//		return nil, errDialNil
//	}, ...)
//	return s
//
// The sentinel never leaves the function: the code after the call reads
// the result as the loop did, nil or false when the attempts ran out.

// valueOnly is the sentinel of a value-only operation and the model the
// other stages render: the operation's error is a variable the fix names
// (err), its value the pointer result, or none for a bool.
type valueOnly struct {
	// name and decl are the sentinel's name and its declaration.
	name, decl string
	// isBool reports that the result is a bool, false on a failure.
	isBool bool
}

// valueOnlyModel returns the retry as the other stages render it, with
// the error a value-only operation lacks, and its sentinel; a *NoFix when
// no fix can name the failure.
func (x *renderer) valueOnlyModel() (*shape.Retry, *valueOnly, error) {
	r := x.r
	op := r.Op
	w := op.Witness
	refuse := func() (*shape.Retry, *valueOnly, error) { return nil, nil, noFix(shape.ReasonNoError) }
	if w == nil || len(op.Results) != 1 || op.Results[0] != w || len(op.Guards) > 0 || len(op.Post) > 0 || len(r.Classes) > 0 {
		return refuse()
	}
	v := &valueOnly{isBool: isBool(w.Type())}
	if !v.isBool && !isPointerType(w.Type()) {
		return refuse()
	}
	// The result is tested where it is assigned, by the if that leaves on
	// success; a bool declared in the loop is gone after the call, so no
	// exit may read it.
	if v.isBool && code.DeclaredIn(w, r.Loop.Body) {
		for _, e := range x.exits() {
			if x.usesAny(w, exitNodes(e)...) {
				return refuse()
			}
		}
	}
	callee := calleeName(op.Call)
	if callee == "" {
		return refuse()
	}
	suffix, said := "Nil", "nil"
	if v.isBool {
		suffix, said = "False", "false"
	}
	v.name = "err" + upperFirst(callee) + suffix
	errName := "err"
	for _, name := range []string{v.name, errName} {
		if !x.nameFree(name) {
			return refuse()
		}
	}
	v.decl = v.name + " := " + x.names.errors + `.New("` + lowerFirst(callee) + " returned " + said + `")`
	// The error is declared where the result is (s := d.Dial(addr)), so
	// that the call declares it too.
	errVar := types.NewVar(op.Assign.Pos(), x.pass.Pkg, errName, types.Universe.Lookup("error").Type())
	m := *r
	m.Op.Err = errVar
	if v.isBool {
		m.Op.Results = []*types.Var{nil, errVar}
	} else {
		m.Op.Results = []*types.Var{w, errVar}
	}
	return &m, v, nil
}

// valueOnlyClosure writes the closure of a value-only operation: the call,
// and the sentinel in place of a nil or false result.
func (x *renderer) valueOnlyClosure(cx ctxPlan, v *valueOnly) (closurePlan, error) {
	r := x.r
	op := r.Op
	w := op.Witness
	p := closurePlan{fn: "Do", decls: []string{v.decl}}
	resultTypes := "error"
	okRet, failRet := "return nil", "return "+v.name
	if !v.isBool {
		t, err := x.typeText(w.Type())
		if err != nil {
			return p, err
		}
		p.fn, p.value = "DoValue", w
		resultTypes = "(" + t + ", error)"
		okRet, failRet = "return "+w.Name()+", nil", "return nil, "+v.name
	}
	side, err := x.closureSide()
	if err != nil || len(side) > 0 {
		return p, noFix(shape.ReasonNoError)
	}
	if c := r.Bound.Counter; c != nil && x.usesAny(c.Var, op.Call) {
		return p, noFix(shape.ReasonCounterRead)
	}
	var body []string
	for _, s := range op.Pre {
		if c := r.Bound.Counter; c != nil && x.usesAny(c.Var, s) {
			return p, noFix(shape.ReasonCounterRead)
		}
		body = append(body, x.stmtText(s))
	}
	if c := x.leading(op.Stmt); c != nil {
		body = append(body, x.nodeText(c))
	}
	call := x.nodeText(op.Call)
	switch {
	case v.isBool && op.Assign.Tok == token.DEFINE:
		body = append(body, "if !"+call+" {\n"+failRet+"\n}", okRet)
	case v.isBool:
		// the loop keeps the result in a variable of its own: so does
		// the closure
		body = append(body, x.nodeText(op.Assign), "if !"+w.Name()+" {\n"+failRet+"\n}", okRet)
	case op.Assign.Tok == token.DEFINE:
		body = append(body, "if "+w.Name()+" := "+call+"; "+w.Name()+" != nil {\n"+okRet+"\n}", failRet)
	default:
		body = append(body, x.nodeText(op.Assign), "if "+w.Name()+" == nil {\n"+failRet+"\n}", okRet)
	}
	param := x.names.context + ".Context"
	if cx.v != nil {
		nodes := []ast.Node{op.Call}
		for _, s := range op.Pre {
			nodes = append(nodes, s)
		}
		if x.usesAny(cx.v, nodes...) {
			param = cx.v.Name() + " " + param
		}
	}
	p.text = "func(" + param + ") " + resultTypes + " {\n" + strings.Join(body, "\n") + "\n}"
	return p, nil
}

// valueOnlyTail shortens the tail of a value-only operation where the
// result says what the error would: a return that differs between success
// and exhaustion only in the result (return s and return nil, return true
// and return false) is that return of the result (return s: nil once the
// attempts ran out) or of err == nil.
func (x *renderer) valueOnlyTail(t tailPlan, v *valueOnly) tailPlan {
	r := x.r
	succ, exh := r.Exits.Success.Return, r.Exits.Exhausted.Return
	if exh == nil && len(r.Loop.After) == 1 {
		exh, _ = r.Loop.After[0].(*ast.ReturnStmt)
	}
	if t.ret || succ == nil || exh == nil || len(r.Exits.Success.Stmts) > 0 || len(r.Exits.Exhausted.Stmts) > 0 ||
		r.Exits.Interrupted != nil || len(succ.Results) != len(exh.Results) || len(t.stmts) != 2 {
		return t
	}
	at := -1
	for i := range succ.Results {
		s, e := x.nodeText(succ.Results[i]), x.nodeText(exh.Results[i])
		if s == e {
			continue
		}
		if at >= 0 {
			return t
		}
		switch {
		case v.isBool && x.isBoolConst(succ.Results[i], true) && x.isBoolConst(exh.Results[i], false):
		case !v.isBool && code.Var(x.info, succ.Results[i]) == r.Op.Witness && code.IsNil(x.info, exh.Results[i]):
		default:
			return t
		}
		at = i
	}
	if at < 0 {
		return t
	}
	var results []string
	for i, e := range succ.Results {
		switch {
		case i == at && v.isBool:
			results = append(results, r.Op.Err.Name()+" == nil")
		default:
			results = append(results, x.nodeText(e))
		}
	}
	t.stmts = []string{"return " + strings.Join(results, ", ")}
	if !v.isBool && len(t.lhs) == 2 {
		t.lhs[1] = "_"
	}
	return t
}

// exits lists the exits of the retry.
func (x *renderer) exits() []shape.Exit {
	r := x.r
	out := []shape.Exit{r.Exits.Success, r.Exits.Exhausted}
	if r.Exits.Interrupted != nil {
		out = append(out, *r.Exits.Interrupted)
	}
	return out
}

// exitNodes are the statements of an exit.
func exitNodes(e shape.Exit) []ast.Node {
	var out []ast.Node
	for _, s := range e.Stmts {
		out = append(out, s)
	}
	if e.Return != nil {
		out = append(out, e.Return)
	}
	return out
}

// nameFree reports whether the fix may declare name where the loop stands:
// nothing there or in the function is named so.
func (x *renderer) nameFree(name string) bool {
	if sc := x.blockScope(); sc != nil {
		if _, obj := sc.LookupParent(name, x.r.Loop.Outer().Pos()); obj != nil {
			return false
		}
	}
	free := true
	ast.Inspect(x.r.Func.Body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			free = false
		}
		return free
	})
	return free
}

// calleeName is the name of the function or method a call calls, "" when
// it calls something else (a function value returned by a call).
func calleeName(call *ast.CallExpr) string {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// isBoolConst reports whether e is the constant b.
func (x *renderer) isBoolConst(e ast.Expr, b bool) bool {
	c, ok := code.ConstValue(x.info, e)
	return ok && c.Kind() == constant.Bool && constant.BoolVal(c) == b
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

func isPointerType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}
