package shape

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/types/typeutil"
)

// errorType is the predeclared error interface.
var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// isError reports whether t is, or implements, error.
func isError(t types.Type) bool {
	return t != nil && types.Implements(t, errorType)
}

// pkgFunc returns the package-level function called by call as its package
// path and name; ok is false for methods, builtins and dynamic calls.
func pkgFunc(info *types.Info, call *ast.CallExpr) (path, name string, ok bool) {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return "", "", false
	}
	if sig, _ := fn.Type().(*types.Signature); sig == nil || sig.Recv() != nil {
		return "", "", false
	}
	return fn.Pkg().Path(), fn.Name(), true
}

// isPkgCall reports whether call calls the package-level function path.name.
func isPkgCall(info *types.Info, call *ast.CallExpr, path, name string) bool {
	p, n, ok := pkgFunc(info, call)
	return ok && p == path && n == name
}

// methodOf returns the method called by call and the named type that
// declares it (through pointers); nil when call is not a method call.
func methodOf(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	if sig, _ := fn.Type().(*types.Signature); sig == nil || sig.Recv() == nil {
		return nil
	}
	return fn
}

// recvNamed returns the package path and name of the named type a method
// belongs to.
func recvNamed(fn *types.Func) (path, name string) {
	sig := fn.Type().(*types.Signature)
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Path(), n.Obj().Name()
	}
	return "", ""
}

// isContext reports whether t is context.Context or implements it.
func isContext(t types.Type) bool {
	if t == nil {
		return false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil &&
		n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context" {
		return true
	}
	// A type with Done() <-chan struct{} and Err() error behaves as a context.
	ms := types.NewMethodSet(t)
	done := ms.Lookup(nil, "Done")
	errm := ms.Lookup(nil, "Err")
	return done != nil && errm != nil && ms.Lookup(nil, "Deadline") != nil
}

// isDuration reports whether t is time.Duration.
func isDuration(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration"
}

// objOf returns the variable an identifier expression denotes, or nil.
func objOf(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// uses reports whether n mentions obj.
func uses(info *types.Info, n ast.Node, obj types.Object) bool {
	if n == nil || obj == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && info.ObjectOf(id) == obj {
			found = true
		}
		return !found
	})
	return found
}

// constValue returns the value of a constant expression.
func constValue(info *types.Info, e ast.Expr) (constant.Value, bool) {
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return tv.Value, true
	}
	return nil, false
}

// constInt returns the value of an integer constant expression.
func constInt(info *types.Info, e ast.Expr) (int64, bool) {
	v, ok := constValue(info, e)
	if !ok {
		return 0, false
	}
	v = constant.ToInt(v)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

// isNil reports whether e is the predeclared nil.
func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// errCompare reports whether e is "v == nil" (eq true) or "v != nil" (eq
// false) for the variable v, in either operand order.
func errCompare(info *types.Info, e ast.Expr, v *types.Var) (eq, ok bool) {
	b, isBin := ast.Unparen(e).(*ast.BinaryExpr)
	if !isBin || (b.Op != token.EQL && b.Op != token.NEQ) {
		return false, false
	}
	switch {
	case objOf(info, b.X) == v && isNil(info, b.Y), objOf(info, b.Y) == v && isNil(info, b.X):
		return b.Op == token.EQL, true
	}
	return false, false
}

// assigned returns the variables that n assigns or steps, outside function
// literals.
func assigned(info *types.Info, n ast.Node) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if v := objOf(info, l); v != nil {
					out[v] = true
				}
			}
		case *ast.IncDecStmt:
			if v := objOf(info, n.X); v != nil {
				out[v] = true
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := objOf(info, e); v != nil {
					out[v] = true
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if v := objOf(info, n.X); v != nil {
					out[v] = true // its address escapes: anything may change it
				}
			}
		}
		return true
	})
	return out
}

func durationOf(n int64) time.Duration { return time.Duration(n) }
