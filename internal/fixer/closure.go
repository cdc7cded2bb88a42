package fixer

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// closurePlan is the operation as the retry package gets it.
type closurePlan struct {
	// fn is the function called: Do, or DoValue when the operation returns
	// a value.
	fn string
	// text is the function literal, or the operation itself when it is a
	// function value of the right type (retry.Do(ctx, c.Ping)).
	text string
	// value is the variable that receives the operation's value, for
	// DoValue.
	value *types.Var
	// held are the variables that receive the operation's values when it
	// returns more than one besides its error: the closure assigns them,
	// and decls declare, before the call, those the loop declared.
	held  []*types.Var
	decls []string
}

// closure writes the operation as a function literal: the statements every
// attempt runs before the call, the call, the statements it runs after, and
// a return of the call's results. When nothing else runs, the literal is
// just `return op(...)`, or the operation itself.
func (x *renderer) closure(cx ctxPlan) (closurePlan, error) {
	r := x.r
	op := r.Op
	values := op.Values()
	p := closurePlan{fn: "Do"}
	if len(values) > 1 {
		held, decls, err := x.heldValues(values)
		if err != nil {
			return p, err
		}
		p.held, p.decls = held, decls
	}
	resultTypes := "error"
	if len(values) == 1 && values[0] != nil && values[0].Name() != "_" {
		p.fn, p.value = "DoValue", values[0]
		t, err := x.typeText(values[0].Type())
		if err != nil {
			return p, err
		}
		resultTypes = "(" + t + ", error)"
	}
	call := x.nodeText(op.Call)
	var body []string
	for _, s := range op.Pre {
		if g, ok := s.(*ast.IfStmt); ok && hasIf(op.Guards, g) {
			text, err := x.guardText(g, p.value)
			if err != nil {
				return p, err
			}
			body = append(body, x.withLeading(g, text))
			continue
		}
		body = append(body, x.stmtText(s))
	}
	side, err := x.closureSide()
	if err != nil {
		return p, err
	}
	// The closure returns an error: a syscall.Errno or a *MyError returned
	// as one is not nil even when it is zero.
	if _, iface := op.Err.Type().Underlying().(*types.Interface); !iface {
		return p, noFix(shape.ReasonConcreteErr)
	}
	// The closure has no counter: what it keeps must not read it, the
	// call (txn(ctx, attempt)) included.
	if c := r.Bound.Counter; c != nil {
		if code.Uses(x.info, op.Call, c.Var) {
			return p, noFix(shape.ReasonCounterRead)
		}
		for _, s := range append(append(append([]ast.Stmt(nil), op.Pre...), op.Post...), side...) {
			if code.Uses(x.info, s, c.Var) {
				return p, noFix(shape.ReasonCounterRead)
			}
		}
	}
	// return op(...) when nothing after the call reads its results.
	direct := len(op.Post) == 0 && len(side) == 0 && x.returnsExactly(op.Call, p.value != nil)
	// The comment above the call in the loop says what the attempt does:
	// it stays above the call.
	callComment := ""
	if c := x.leading(op.Stmt); c != nil {
		callComment = x.nodeText(c) + "\n"
	}
	if lit := x.calledLit(op.Call); direct && lit != nil && p.value == nil {
		// err := func() error { ... }(): the literal is the attempt, and
		// its body the closure's
		body = append(body, callComment+strings.TrimSpace(x.text(lit.Body.Lbrace+1, lit.Body.Rbrace)))
	} else if direct {
		body = append(body, callComment+"return "+call)
	} else {
		lhs := x.lhsNames()
		if len(p.held) > 0 {
			// the values live on after the call: assign them
			body = append(body, "var "+op.Err.Name()+" error", callComment+strings.Join(lhs, ", ")+" = "+call)
		} else {
			body = append(body, callComment+strings.Join(lhs, ", ")+" := "+call)
		}
		for _, s := range op.Post {
			body = append(body, x.stmtText(s))
		}
		if len(side) > 0 {
			var texts []string
			for _, s := range side {
				texts = append(texts, x.stmtText(s))
			}
			body = append(body, "if "+op.Err.Name()+" != nil {\n"+strings.Join(texts, "\n")+"\n}")
		}
		var rets []string
		if p.value != nil {
			rets = append(rets, p.value.Name())
		}
		rets = append(rets, op.Err.Name())
		body = append(body, "return "+strings.Join(rets, ", "))
	}
	// The closure's context: named as the one the call gets, when the
	// attempt uses it, so that every use refers to the closure's own.
	param := x.names.context + ".Context"
	if cx.v != nil {
		nodes := []ast.Node{op.Call}
		for _, s := range op.Pre {
			nodes = append(nodes, s)
		}
		for _, s := range op.Post {
			nodes = append(nodes, s)
		}
		if x.usesAny(cx.v, nodes...) {
			param = cx.v.Name() + " " + param
		}
	}
	if direct && len(op.Pre) == 0 && callComment == "" {
		if fv := x.funcValue(op.Call, cx, p.value != nil); fv != "" {
			p.text = fv
			return p, nil
		}
	}
	p.text = "func(" + param + ") " + resultTypes + " {\n" + strings.Join(body, "\n") + "\n}"
	return p, nil
}

// calledLit returns the function literal that call calls at once, when it
// takes nothing and returns an error alone: func() error { ... }(). Its
// body can be the closure's as it is: its returns return the attempt's
// error, and its defers run when the attempt ends.
func (x *renderer) calledLit(call *ast.CallExpr) *ast.FuncLit {
	lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
	if !ok || len(call.Args) > 0 {
		return nil
	}
	sig, ok := x.info.TypeOf(lit).(*types.Signature)
	if !ok || sig.Params().Len() > 0 || sig.Results().Len() != 1 || sig.Results().At(0).Name() != "" || !types.Identical(sig.Results().At(0).Type(), types.Universe.Lookup("error").Type()) {
		return nil
	}
	return lit
}

// heldValues returns the values of an operation that returns more than one
// besides its error (a, b, err := op()), which the closure assigns since
// the closure returns only the error, and the declarations, before the
// call, of those the loop declared: var a A.
func (x *renderer) heldValues(values []*types.Var) ([]*types.Var, []string, error) {
	r := x.r
	var held []*types.Var
	var decls []string
	for _, v := range values {
		if v == nil || v.Name() == "_" {
			continue
		}
		held = append(held, v)
		if code.DeclaredIn(v, r.Loop.Body) || x.scaffoldDeclares(v) {
			t, err := x.typeText(v.Type())
			if err != nil {
				return nil, nil, err
			}
			decls = append(decls, "var "+v.Name()+" "+t)
		}
	}
	return held, decls, nil
}

// lhsNames are the names the closure gives the call's results: the
// operation's own, _ for a result it drops.
func (x *renderer) lhsNames() []string {
	var out []string
	for _, v := range x.r.Op.Results {
		if v == nil {
			out = append(out, "_")
		} else {
			out = append(out, v.Name())
		}
	}
	return out
}

// returnsExactly reports whether call returns exactly what the closure
// returns: an error, or a value and an error.
func (x *renderer) returnsExactly(call *ast.CallExpr, value bool) bool {
	t := x.info.TypeOf(call)
	tup, ok := t.(*types.Tuple)
	switch {
	case !value:
		return !ok && code.IsErrorType(t)
	case ok && tup.Len() == 2:
		return code.IsErrorType(tup.At(1).Type()) && x.r.Op.Results[0] != nil && types.Identical(tup.At(0).Type(), x.r.Op.Results[0].Type())
	}
	return false
}

// funcValue returns the operation itself when the call is f(ctx) for a
// function value f whose type is the closure's and ctx the call's context:
// retry.Do(ctx, op) says what retry.Do(ctx, func(ctx context.Context) error
// { return op(ctx) }) says.
func (x *renderer) funcValue(call *ast.CallExpr, cx ctxPlan, value bool) string {
	if cx.v == nil || len(call.Args) != 1 || code.Var(x.info, call.Args[0]) != cx.v || call.Ellipsis.IsValid() {
		return ""
	}
	var target types.Type
	if value {
		t, ok := x.info.TypeOf(call).(*types.Tuple)
		if !ok {
			return ""
		}
		target = types.NewSignatureType(nil, nil, nil, types.NewTuple(types.NewParam(0, nil, "", cx.v.Type())), types.NewTuple(t.At(0), t.At(1)), false)
	} else {
		target = types.NewSignatureType(nil, nil, nil, types.NewTuple(types.NewParam(0, nil, "", cx.v.Type())), types.NewTuple(types.NewParam(0, nil, "", types.Universe.Lookup("error").Type())), false)
	}
	ft, ok := x.info.TypeOf(call.Fun).Underlying().(*types.Signature)
	if !ok || !code.IsContextType(cx.v.Type()) || !types.Identical(ft, target) {
		return ""
	}
	// Only a variable or a function the loop never changes: a method value
	// binds its receiver when it is evaluated.
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		if v, ok := x.info.Uses[f].(*types.Var); ok && code.Assigned(x.info, x.repeated())[v] {
			return ""
		}
	case *ast.SelectorExpr:
		if _, isPkg := x.info.Uses[identOf(f.X)].(*types.PkgName); !isPkg {
			root, _, ok := code.SelectorPath(x.info, f.X)
			if !ok || root == nil || code.Assigned(x.info, x.repeated())[root] {
				return ""
			}
		}
	default:
		return ""
	}
	return x.nodeText(call.Fun)
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// closureSide returns the side work that stays in the closure: what runs
// after a failure before the delay is computed, when computing it draws a
// random number or calls something. A hook would run after the delay
// function, so in the closure it keeps its place. Such work must run after
// every failure and not read the counter.
func (x *renderer) closureSide() ([]ast.Stmt, error) {
	r := x.r
	d := r.Schedule.Delay
	if d == nil || !d.Draws {
		return nil, nil
	}
	var out []ast.Stmt
	for _, s := range r.Side {
		if !s.BeforeDelay {
			continue
		}
		if s.When != shape.EveryFailure || s.ReadsCounter {
			return nil, noFix(shape.ReasonSideOrder)
		}
		out = append(out, s.Stmt)
	}
	return out, nil
}

func hasIf(list []*ast.IfStmt, s *ast.IfStmt) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// guardText writes a guard of the operation for the closure: where the loop
// returned at once (return nil, err), the closure returns the error marked
// permanent, which the call then returns as it is.
func (x *renderer) guardText(g *ast.IfStmt, value *types.Var) (string, error) {
	zero := ""
	if value != nil {
		z, err := x.zeroText(value.Type())
		if err != nil {
			return "", err
		}
		zero = z + ", "
	}
	var failed error
	text := x.rewriteStmts(g, func(ret *ast.ReturnStmt) string {
		if len(ret.Results) == 0 {
			failed = noFix(shape.ReasonPreExit)
			return ""
		}
		last := ret.Results[len(ret.Results)-1]
		return "return " + zero + x.names.retry + ".Permanent(" + x.nodeText(last) + ")"
	})
	return text, failed
}

// rewriteStmts returns the text of n with each return statement replaced
// by what f writes for it.
func (x *renderer) rewriteStmts(n ast.Node, f func(*ast.ReturnStmt) string) string {
	var b strings.Builder
	last := n.Pos()
	ast.Inspect(n, func(m ast.Node) bool {
		if _, ok := m.(*ast.FuncLit); ok {
			return false
		}
		if ret, ok := m.(*ast.ReturnStmt); ok {
			b.WriteString(x.text(last, ret.Pos()))
			b.WriteString(f(ret))
			last = ret.End()
			return false
		}
		return true
	})
	b.WriteString(x.text(last, n.End()))
	return b.String()
}

// zeroText writes the zero value of t.
func (x *renderer) zeroText(t types.Type) (string, error) {
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Slice, *types.Map, *types.Chan, *types.Signature:
		return "nil", nil
	case *types.Basic:
		switch {
		case u.Info()&types.IsString != 0:
			return `""`, nil
		case u.Info()&types.IsBoolean != 0:
			return "false", nil
		case u.Info()&types.IsNumeric != 0:
			return "0", nil
		}
	case *types.Struct, *types.Array:
		if _, named := types.Unalias(t).(*types.Named); named {
			s, err := x.typeText(t)
			if err != nil {
				return "", err
			}
			return s + "{}", nil
		}
	}
	if _, ok := t.(*types.TypeParam); ok {
		s, err := x.typeText(t)
		if err != nil {
			return "", err
		}
		return "*new(" + s + ")", nil
	}
	return "", noFix(shape.ReasonTypeUnwritable)
}
