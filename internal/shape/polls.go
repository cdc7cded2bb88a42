package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/internal/code"
)

// polls reports whether r, read as a retry, is a poll of a state: the loop
// repeats, but not because a call failed and may succeed when made again.
// Two forms are told apart by roles:
//
//   - the only failure it goes round on is the end of the context the call
//     was given (if errors.Is(err, context.Canceled) { continue }): going
//     round lets the loop's own ctx test report it, and what really repeats
//     the loop is an answer saying "not yet" (a device-flow token poll);
//   - the failing call only judges values read before it in the same round
//     against one from outside the loop (if err := compare(want, got); err
//     == nil): made again with the same values it fails the same way, so
//     what the loop waits for is the state it reads, not the call's success.
//
// A try cut short by a context made for that try (context.WithTimeout in the
// body) is retried for real and is not a poll.
func (m *matcher) polls(r *Retry) bool {
	if r.Op.Call == nil {
		return false
	}
	return m.retriesOnlyOwnCtxEnd(r) || (m.comparesWithOutside(r) && m.judgesOnly(r.Op.Call))
}

// comparesWithOutside reports whether the call of r is given, besides what
// the round read, a variable from outside the loop (the expectation): a
// check of a response against constants (checkStatus(resp, err)) is the
// classification of a real call's result, but a check against a value the
// caller wants is a wait for the state to match it.
func (m *matcher) comparesWithOutside(r *Retry) bool {
	if r.Loop == nil {
		return false
	}
	for _, a := range r.Op.Call.Args {
		id, ok := ast.Unparen(a).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := m.info.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
			continue
		}
		if v.Pos() < r.Loop.Stmt.Pos() || v.Pos() >= r.Loop.Stmt.End() {
			return true
		}
	}
	return false
}

// retriesOnlyOwnCtxEnd reports whether the one failure r goes round on is
// context.Canceled or context.DeadlineExceeded from a context that outlives
// the loop.
func (m *matcher) retriesOnlyOwnCtxEnd(r *Retry) bool {
	if len(r.Classes) != 1 || r.Op.Ctx == nil || r.Loop == nil {
		return false
	}
	p := r.Classes[0].Pred
	if (p.Kind != PredIs && p.Kind != PredEqual) || !p.Negated || len(p.Targets) == 0 {
		return false
	}
	for _, t := range p.Targets {
		v, ok := m.info.Uses[selName(t)].(*types.Var)
		if !ok || v.Pkg() == nil || v.Pkg().Path() != "context" || (v.Name() != "Canceled" && v.Name() != "DeadlineExceeded") {
			return false
		}
	}
	// A context declared inside the loop is made for each try.
	decl := r.Op.Ctx.Pos()
	return decl < r.Loop.Stmt.Pos() || decl >= r.Loop.Stmt.End()
}

// selName is the identifier naming e: x in pkg.x, e itself for a plain name.
func selName(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		return e.Sel
	case *ast.Ident:
		return e
	}
	return nil
}

// judgesOnly reports whether call is of a function of the package that
// only looks at its arguments: its body calls nothing but conversions,
// builtins and functions of packages that build errors, format or compare
// values (fmt, errors, strings, bytes, strconv, reflect, slices, maps).
func (m *matcher) judgesOnly(call *ast.CallExpr) bool {
	fn := code.Callee(m.info, call)
	if fn == nil || fn.Pkg() != m.pass.Pkg || len(call.Args) == 0 {
		return false
	}
	fd := m.funcDecl(fn)
	if fd == nil || fd.Body == nil {
		return false
	}
	pure := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if !pure {
			return false
		}
		c, ok := n.(*ast.CallExpr)
		if !ok {
			_, lit := n.(*ast.FuncLit)
			return !lit
		}
		switch {
		case code.IsConversion(m.info, c):
		case isBuiltin(m.info, c):
		default:
			p, _, ok := code.PkgFunc(m.info, c)
			if !ok {
				if meth := code.Method(m.info, c); meth != nil && (meth.Name() == "Error" || meth.Name() == "String") && len(c.Args) == 0 {
					return true
				}
				pure = false
				return false
			}
			switch p {
			case "fmt", "errors", "strings", "bytes", "strconv", "reflect", "slices", "maps":
			default:
				pure = false
			}
		}
		return pure
	})
	return pure && m.comparesParams(fd)
}

// comparesParams reports whether fd's body has an if whose condition reads
// two of its parameters (got.n != want.n): it compares values it was given,
// where a stub or a check of one value against constants does not.
func (m *matcher) comparesParams(fd *ast.FuncDecl) bool {
	params := code.Params(m.info, fd.Type)
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		is, ok := n.(*ast.IfStmt)
		if !ok || found {
			return !found
		}
		read := map[*types.Var]bool{}
		ast.Inspect(is.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := m.info.Uses[id].(*types.Var); ok && slices.Contains(params, v) {
					read[v] = true
				}
			}
			return true
		})
		found = len(read) >= 2
		return !found
	})
	return found
}

// isBuiltin reports whether call calls a builtin function (len, cap,
// append).
func isBuiltin(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = info.Uses[id].(*types.Builtin)
	return ok
}

// decorates reports whether r is the inside of a retry decorator: the loop
// is in a function literal that its enclosing function returns (a gRPC
// interceptor, an HTTP middleware), and what it retries is a function
// parameter of that literal or of a function around it (invoker, next).
// Such code is a retry library of its own, the same for every caller; the
// callers' operations are elsewhere. A constructor named for retrying
// (-funcpattern) is reported all the same, as its category says.
func (m *matcher) decorates(loop inspector.Cursor, r *Retry) bool {
	lit, ok := r.Func.Node.(*ast.FuncLit)
	v := m.calledVar(r)
	if !ok || v == nil {
		return false
	}
	returned, param := false, false
	for fn := range loop.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch f := fn.Node().(type) {
		case *ast.FuncLit:
			if f == lit {
				_, returned = fn.Parent().Node().(*ast.ReturnStmt)
			}
			param = param || slices.Contains(code.Params(m.info, f.Type), v)
		case *ast.FuncDecl:
			if m.isRetryFunc(f) {
				return false
			}
			param = param || slices.Contains(code.Params(m.info, f.Type), v)
		}
	}
	return returned && param
}

// awaitsExpected reports whether leaving on success also needs a result of
// the operation to match a value from outside the loop (string(body) ==
// want, strings.Contains(out, name)): what the loop waits for is the state
// it reads becoming the one the caller expects, a poll. A result compared
// with constants (resp.StatusCode == http.StatusOK) or numbers (n ==
// len(buf)) is a status of the call itself, and stays a retry.
func (a *reading) awaitsExpected(succ []*exitPath) bool {
	for _, e := range succ {
		for _, ev := range e.events {
			if ev.kind == forkEvent && ev.av.kind == resultAtom && ev.av.expr != nil && a.matchesExpectation(ev.av.expr) {
				return true
			}
		}
	}
	return false
}

// matchesExpectation reports whether test compares a value with an
// expectation: a variable from outside the loop that the loop leaves alone,
// of a type that names a state rather than a count (a string, a struct, a
// slice).
func (a *reading) matchesExpectation(test ast.Expr) bool {
	switch t := ast.Unparen(test).(type) {
	case *ast.UnaryExpr:
		if t.Op == token.NOT {
			return a.matchesExpectation(t.X)
		}
	case *ast.BinaryExpr:
		if t.Op == token.EQL || t.Op == token.NEQ {
			return a.expectation(t.X) || a.expectation(t.Y)
		}
	case *ast.CallExpr:
		p, name, ok := code.PkgFunc(a.m.info, t)
		if !ok {
			return false
		}
		switch p + "." + name {
		case "strings.Contains", "strings.HasPrefix", "strings.HasSuffix", "strings.EqualFold",
			"bytes.Equal", "bytes.Contains", "bytes.HasPrefix", "bytes.HasSuffix",
			"reflect.DeepEqual", "slices.Equal", "maps.Equal":
			return slices.ContainsFunc(t.Args, a.expectation)
		}
	}
	return false
}

// expectation reports whether e names a variable declared outside the loop
// and not changed by it, or a field of one, whose type is not a number, a
// bool, an error or a function.
func (a *reading) expectation(e ast.Expr) bool {
	info := a.m.info
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return false
	}
	k, ok := keyOf(info, e)
	if !ok || k.v == nil || a.lc.changed[k.v] || code.DeclaredIn(k.v, a.lc.loop) {
		return false
	}
	t := info.TypeOf(e)
	if t == nil || isIntType(t) || isFloatType(t) || isBoolType(t) || code.IsError(t) {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Signature, *types.Chan, *types.Pointer, *types.Interface:
		return false
	}
	return true
}
