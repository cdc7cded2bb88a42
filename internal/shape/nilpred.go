package shape

// What a test of an error says of a nil error: the predicates that tell a
// failure the loop retries from the rest without comparing the error with
// nil (if isReplicating(err) { wait; continue }, if code :=
// status.Code(err); code == codes.Unavailable).

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// onNil returns what call returns when its one argument is a nil error,
// when that is known: a function of a well-known package (gRPC's
// status.Code of nil is codes.OK, os.IsNotExist(nil) is false), or a
// predicate func(error) bool of this package whose body says it.
func (m *matcher) onNil(call *ast.CallExpr) (value, bool) {
	if len(call.Args) != 1 {
		return value{}, false
	}
	fn := code.Callee(m.info, call)
	if fn == nil || fn.Pkg() == nil {
		return value{}, false
	}
	switch fn.Pkg().Path() {
	case "google.golang.org/grpc/status":
		if fn.Name() == "Code" {
			return intVal(0), true // codes.OK
		}
		return value{}, false
	case "os":
		switch fn.Name() {
		case "IsNotExist", "IsExist", "IsPermission", "IsTimeout":
			return boolVal(false), true
		}
		return value{}, false
	}
	if fn.Pkg() != m.pass.Pkg {
		return value{}, false
	}
	b, ok := m.predOnNil(fn)
	return boolVal(b), ok
}

// testsError reports whether e is a call that onNil knows, with v as its
// argument: a test of v that tells a failure from a success.
func (m *matcher) testsError(e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || code.Var(m.info, call.Args[0]) != v {
		return false
	}
	_, known := m.onNil(call)
	return known
}

// nilPred is what a predicate of the package returns for a nil error.
type nilPred struct {
	val, known bool
}

// predOnNil works out what fn, a func(error) bool declared in this package,
// returns for a nil error, reading its body: ifs and returns over tests
// whose value on nil is known (err == nil, errors.Is, a failed type
// assertion, other such predicates). Cached; a predicate that calls itself
// is not known.
func (m *matcher) predOnNil(fn *types.Func) (bool, bool) {
	if p, ok := m.nilPreds[fn]; ok {
		return p.val, p.known
	}
	if m.nilPreds == nil {
		m.nilPreds = map[*types.Func]nilPred{}
	}
	m.nilPreds[fn] = nilPred{} // unknown while it is being read
	sig := fn.Type().(*types.Signature)
	if sig.Recv() != nil || sig.Params().Len() != 1 || sig.Results().Len() != 1 ||
		!code.IsErrorType(sig.Params().At(0).Type()) || !isBoolType(sig.Results().At(0).Type()) {
		return false, false
	}
	decl := m.funcDecl(fn)
	if decl == nil || decl.Body == nil {
		return false, false
	}
	ev := &nilEval{m: m, err: sig.Params().At(0), bools: map[*types.Var]bool{}}
	val, returned, ok := ev.stmts(decl.Body.List)
	p := nilPred{val: val, known: ok && returned}
	m.nilPreds[fn] = p
	return p.val, p.known
}

// funcDecl returns the declaration of fn among the package's files.
func (m *matcher) funcDecl(fn *types.Func) *ast.FuncDecl {
	if m.decls == nil {
		m.decls = map[*types.Func]*ast.FuncDecl{}
		for _, f := range m.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
					if obj, ok := m.info.Defs[fd.Name].(*types.Func); ok {
						m.decls[obj] = fd
					}
				}
			}
		}
	}
	return m.decls[fn]
}

// nilEval runs a predicate's body with its error parameter nil.
type nilEval struct {
	m     *matcher
	err   *types.Var
	bools map[*types.Var]bool // the booleans the body has set, known
}

// stmts runs a list of statements: the value returned, whether the list
// returned, and whether every step was understood.
func (ev *nilEval) stmts(list []ast.Stmt) (val, returned, ok bool) {
	for _, s := range list {
		switch s := s.(type) {
		case *ast.ReturnStmt:
			if len(s.Results) != 1 {
				return false, false, false
			}
			v, ok := ev.expr(s.Results[0])
			return v, true, ok
		case *ast.IfStmt:
			if s.Init != nil && !ev.assign(s.Init) {
				return false, false, false
			}
			c, ok := ev.expr(s.Cond)
			if !ok {
				return false, false, false
			}
			var branch []ast.Stmt
			switch {
			case c:
				branch = s.Body.List
			case s.Else != nil:
				branch = []ast.Stmt{s.Else}
			}
			if v, ret, ok := ev.stmts(branch); !ok || ret {
				return v, ret, ok
			}
		case *ast.BlockStmt:
			if v, ret, ok := ev.stmts(s.List); !ok || ret {
				return v, ret, ok
			}
		case *ast.DeclStmt:
			// var ne net.Error, for errors.As: a declaration with no values
			gd, isGen := s.Decl.(*ast.GenDecl)
			if !isGen || gd.Tok != token.VAR {
				return false, false, false
			}
			for _, spec := range gd.Specs {
				if len(spec.(*ast.ValueSpec).Values) > 0 {
					return false, false, false
				}
			}
		default:
			if !ev.assign(s) {
				return false, false, false
			}
		}
	}
	return false, false, true
}

// assign runs the assignments a predicate makes from its error: x, ok :=
// err.(T) and ok := errors.As(err, &t) leave ok false.
func (ev *nilEval) assign(s ast.Stmt) bool {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Tok != token.DEFINE && as.Tok != token.ASSIGN {
		return false
	}
	info := ev.m.info
	switch rhs := ast.Unparen(as.Rhs[0]).(type) {
	case *ast.TypeAssertExpr:
		if len(as.Lhs) != 2 || code.Var(info, rhs.X) != ev.err {
			return false
		}
		if v := code.Var(info, as.Lhs[1]); v != nil {
			ev.bools[v] = false
		}
		return true
	default:
		if len(as.Lhs) != 1 {
			return false
		}
		v := code.Var(info, as.Lhs[0])
		b, ok := ev.expr(rhs)
		if v == nil || !ok {
			return false
		}
		ev.bools[v] = b
		return true
	}
}

// expr evaluates a boolean expression of the predicate.
func (ev *nilEval) expr(e ast.Expr) (bool, bool) {
	info := ev.m.info
	e = ast.Unparen(e)
	if c, ok := code.ConstValue(info, e); ok {
		if c.Kind() == constant.Bool {
			return constant.BoolVal(c), true
		}
		return false, false
	}
	if eq, ok := code.NilTest(info, e, ev.err); ok {
		return eq, true
	}
	switch x := e.(type) {
	case *ast.Ident:
		if v, ok := info.Uses[x].(*types.Var); ok {
			b, known := ev.bools[v]
			return b, known
		}
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			b, ok := ev.expr(x.X)
			return !b, ok
		}
	case *ast.BinaryExpr:
		if x.Op == token.LAND || x.Op == token.LOR {
			l, ok := ev.expr(x.X)
			if !ok {
				return false, false
			}
			if l == (x.Op == token.LOR) {
				return l, true // the right operand is not evaluated
			}
			return ev.expr(x.Y)
		}
	case *ast.CallExpr:
		if len(x.Args) == 0 || code.Var(info, x.Args[0]) != ev.err {
			return false, false
		}
		if code.IsPkgCall(info, x, "errors", "Is") || code.IsPkgCall(info, x, "errors", "As") {
			return false, true // errors.Is(nil, target) is false
		}
		if v, ok := ev.m.onNil(x); ok && v.kind == boolV {
			return v.b, true
		}
	}
	return false, false
}
