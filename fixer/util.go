package fixer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// isCallTo reports whether call calls the package-level function path.name.
func isCallTo(info *types.Info, call *ast.CallExpr, path, name string) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == path && fn.Name() == name &&
		fn.Type().(*types.Signature).Recv() == nil
}

// isMethodCall reports whether call calls method name on x, returning x.
func isMethodCall(info *types.Info, call *ast.CallExpr, name string) (ast.Expr, bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return nil, false
	}
	if s, ok := info.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return nil, false
	}
	return sel.X, true
}

// objOf returns the object an identifier or selector names.
func objOf(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		return info.ObjectOf(e.Sel)
	}
	return nil
}

// within reports whether n lies inside outer.
func within(n, outer ast.Node) bool {
	return n != nil && outer != nil && n.Pos() >= outer.Pos() && n.End() <= outer.End()
}
