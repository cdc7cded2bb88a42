// Package code holds the AST and type predicates that the matcher and the
// fixer share: one definition and one meaning each, so that what the matcher
// proved about a piece of code is what the fixer relies on.
//
// Every predicate takes the *types.Info of the package the node belongs to.
// They look through parentheses and never panic on incomplete code (a nil
// node or a missing type gives the answer "no").
package code

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// errorType is the predeclared error interface.
var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// IsError reports whether t is, or implements, error.
func IsError(t types.Type) bool {
	return t != nil && types.Implements(t, errorType)
}

// IsErrorType reports whether t is exactly the predeclared error type.
func IsErrorType(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// IsNamed reports whether t (through pointers and aliases) is the named type
// path.name.
func IsNamed(t types.Type, path, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}

// IsContext reports whether t is context.Context, or a type with its
// Deadline, Done and Err methods.
func IsContext(t types.Type) bool {
	if t == nil {
		return false
	}
	if IsContextType(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return false // the common case, and it has no methods
	case *types.Pointer:
		if types.IsInterface(u.Elem()) {
			return false // a pointer to an interface has no methods
		}
	}
	// Three lookups, not a method set: NewMethodSet builds and sorts the
	// whole set, and this is asked of every receiver of an Err call.
	for _, name := range [...]string{"Err", "Done", "Deadline"} {
		if obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name); obj == nil {
			return false
		} else if _, ok := obj.(*types.Func); !ok {
			return false
		}
	}
	return true
}

// IsContextType reports whether t is exactly context.Context, the type a
// closure given to retry.Do takes.
func IsContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// IsDuration reports whether t is time.Duration.
func IsDuration(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration"
}

// IsTimer reports whether t is time.Timer or *time.Timer.
func IsTimer(t types.Type) bool { return IsNamed(t, "time", "Timer") }

// Callee returns the function or method call calls, or nil: a
// package-level function, a concrete method, or the method of an interface
// the call goes through (ctx.Err() is context.Context's Err); nil for a call
// of a function value.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	if call == nil {
		return nil
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// PkgFunc returns the package-level function called by call as its package
// path and name; ok is false for methods, builtins and dynamic calls.
func PkgFunc(info *types.Info, call *ast.CallExpr) (path, name string, ok bool) {
	fn := Callee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return "", "", false
	}
	if sig, _ := fn.Type().(*types.Signature); sig == nil || sig.Recv() != nil {
		return "", "", false
	}
	return fn.Pkg().Path(), fn.Name(), true
}

// IsPkgCall reports whether call calls the package-level function path.name.
func IsPkgCall(info *types.Info, call *ast.CallExpr, path, name string) bool {
	p, n, ok := PkgFunc(info, call)
	return ok && p == path && n == name
}

// Method returns the method call calls, concrete or of an interface (see
// Callee); nil when call is not a method call.
func Method(info *types.Info, call *ast.CallExpr) *types.Func {
	fn := Callee(info, call)
	if fn == nil {
		return nil
	}
	if sig, _ := fn.Type().(*types.Signature); sig == nil || sig.Recv() == nil {
		return nil
	}
	return fn
}

// RecvNamed returns the package path and name of the named type that method
// fn belongs to (through a pointer receiver); empty for interface methods of
// unnamed interfaces.
func RecvNamed(fn *types.Func) (path, name string) {
	if fn == nil {
		return "", ""
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return "", ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Path(), n.Obj().Name()
	}
	return "", ""
}

// IsBuiltin reports whether call calls the builtin function name (len,
// min, panic, ...).
func IsBuiltin(info *types.Info, call *ast.CallExpr, name string) bool {
	if call == nil {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// BuiltinName returns the name of the builtin call calls, or "".
func BuiltinName(info *types.Info, call *ast.CallExpr) string {
	if call == nil {
		return ""
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return ""
	}
	if b, ok := info.Uses[id].(*types.Builtin); ok {
		return b.Name()
	}
	return ""
}

// IsConversion reports whether call converts a value to a type: T(x).
func IsConversion(info *types.Info, call *ast.CallExpr) bool {
	if call == nil || call.Fun == nil {
		return false
	}
	tv, ok := info.Types[call.Fun]
	return ok && tv.IsType()
}

// Var returns the variable an identifier denotes (through parentheses), or
// nil for anything else.
func Var(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// Object returns the object an identifier or a selector's name denotes.
func Object(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.ObjectOf(e)
	case *ast.SelectorExpr:
		return info.ObjectOf(e.Sel)
	}
	return nil
}

// Uses reports whether n mentions obj.
func Uses(info *types.Info, n ast.Node, obj types.Object) bool {
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

// UsesAny reports whether n mentions any of objs.
func UsesAny(info *types.Info, n ast.Node, objs map[*types.Var]bool) bool {
	if n == nil || len(objs) == 0 {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok && objs[v] {
				found = true
			}
		}
		return !found
	})
	return found
}

// Assigned returns the local and package variables that n may change: those
// it assigns, steps or ranges over, and those whose address it takes (anything
// may change them then), function literals inside n included (a closure
// called in a loop changes what it captures). It is the conservative answer
// to "may this variable hold another value after n ran?".
func Assigned(info *types.Info, n ast.Node) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	if n == nil {
		return out
	}
	add := func(e ast.Expr) {
		if v := valueRoot(info, e); v != nil && v.Name() != "_" {
			out[v] = true
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				add(l)
			}
		case *ast.IncDecStmt:
			add(n.X)
		case *ast.RangeStmt:
			add(n.Key)
			add(n.Value)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				add(n.X)
			}
		case *ast.CallExpr:
			// buf.WriteString(s) on a bytes.Buffer variable takes &buf
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal && !s.Indirect() {
					if sig, ok := s.Obj().Type().(*types.Signature); ok && sig.Recv() != nil {
						if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
							if _, isPtr := info.TypeOf(sel.X).Underlying().(*types.Pointer); !isPtr {
								add(sel.X)
							}
						}
					}
				}
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				if v, ok := info.Defs[name].(*types.Var); ok && v.Name() != "_" {
					out[v] = true
				}
			}
		}
		return true
	})
	return out
}

// valueRoot returns the variable whose value an assignment to e changes: x
// for x, s.f and a[i] when s is a struct and a an array held in the variable
// itself; nil when e reaches its storage through a pointer, a slice or a map
// (the variable still holds what it did).
func valueRoot(info *types.Info, e ast.Expr) *types.Var {
	if e == nil {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return Var(info, x)
	case *ast.SelectorExpr:
		s, ok := info.Selections[x]
		if !ok {
			v, _ := Object(info, x).(*types.Var) // pkg.V
			return v
		}
		if s.Kind() != types.FieldVal || s.Indirect() {
			return nil
		}
		if _, ptr := info.TypeOf(x.X).Underlying().(*types.Pointer); ptr {
			return nil
		}
		return valueRoot(info, x.X)
	case *ast.IndexExpr:
		if t := info.TypeOf(x.X); t != nil {
			if _, isArray := t.Underlying().(*types.Array); isArray {
				return valueRoot(info, x.X)
			}
		}
	}
	return nil
}

// Within reports whether n lies inside outer (or is outer).
func Within(n, outer ast.Node) bool {
	return n != nil && outer != nil && n.Pos() >= outer.Pos() && n.End() <= outer.End()
}

// DeclaredIn reports whether obj is declared inside n.
func DeclaredIn(obj types.Object, n ast.Node) bool {
	return obj != nil && n != nil && obj.Pos() >= n.Pos() && obj.Pos() < n.End()
}

// ConstValue returns the value of a constant expression.
func ConstValue(info *types.Info, e ast.Expr) (constant.Value, bool) {
	if e == nil {
		return nil, false
	}
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return tv.Value, true
	}
	return nil, false
}

// ConstInt returns the value of an integer constant expression (a duration
// constant included, in nanoseconds).
func ConstInt(info *types.Info, e ast.Expr) (int64, bool) {
	v, ok := ConstValue(info, e)
	if !ok {
		return 0, false
	}
	v = constant.ToInt(v)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

// IsNil reports whether e is the predeclared nil.
func IsNil(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return false
	}
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// NilTest reports whether e is "v == nil" (eq true) or "v != nil" (eq false)
// for the variable v, in either operand order; for an error of a type that is
// not an interface (syscall.Errno), the test against its zero value
// (errno != 0) is the same test.
func NilTest(info *types.Info, e ast.Expr, v *types.Var) (eq, ok bool) {
	b, isBin := ast.Unparen(e).(*ast.BinaryExpr)
	if !isBin || (b.Op != token.EQL && b.Op != token.NEQ) || v == nil {
		return false, false
	}
	zero := func(e ast.Expr) bool {
		if IsNil(info, e) {
			return true
		}
		if _, isIface := v.Type().Underlying().(*types.Interface); isIface {
			return false
		}
		c, ok := ConstValue(info, e)
		return ok && IsZeroConst(c)
	}
	if Var(info, b.X) == v && zero(b.Y) || Var(info, b.Y) == v && zero(b.X) {
		return b.Op == token.EQL, true
	}
	return false, false
}

// IsZeroConst reports whether c is the zero value of its kind: 0, "" or
// false.
func IsZeroConst(c constant.Value) bool {
	switch c.Kind() {
	case constant.Int, constant.Float, constant.Complex:
		return constant.Sign(c) == 0
	case constant.String:
		return constant.StringVal(c) == ""
	case constant.Bool:
		return !constant.BoolVal(c)
	}
	return false
}

// IsNoReturn reports whether call never returns: panic, os.Exit, log.Fatal*,
// log.Panic*, and the Fatal/FailNow/Skip methods of testing and log values.
func IsNoReturn(info *types.Info, call *ast.CallExpr) bool {
	if IsBuiltin(info, call, "panic") {
		return true
	}
	if p, n, ok := PkgFunc(info, call); ok {
		switch p {
		case "os":
			return n == "Exit"
		case "runtime":
			return n == "Goexit"
		case "log":
			switch n {
			case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
				return true
			}
		}
		return false
	}
	if fn := Method(info, call); fn != nil {
		p, _ := RecvNamed(fn)
		switch fn.Name() {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return p == "testing" || p == "log"
		case "Fatalln", "Panic", "Panicf", "Panicln":
			return p == "log"
		}
	}
	return false
}

// Negate returns the comparison that holds exactly when op does not.
func Negate(op token.Token) (token.Token, bool) {
	switch op {
	case token.GEQ:
		return token.LSS, true
	case token.GTR:
		return token.LEQ, true
	case token.LEQ:
		return token.GTR, true
	case token.LSS:
		return token.GEQ, true
	case token.EQL:
		return token.NEQ, true
	case token.NEQ:
		return token.EQL, true
	}
	return op, false
}

// Flip returns the comparison with its operands swapped: a < b is b > a.
func Flip(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// Disjuncts splits a || chain into its terms, in order.
func Disjuncts(e ast.Expr) []ast.Expr {
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.LOR {
		return append(Disjuncts(b.X), Disjuncts(b.Y)...)
	}
	return []ast.Expr{e}
}

// Conjuncts splits a && chain into its terms, in order.
func Conjuncts(e ast.Expr) []ast.Expr {
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.LAND {
		return append(Conjuncts(b.X), Conjuncts(b.Y)...)
	}
	return []ast.Expr{e}
}

// StmtList returns the statements of a node that holds a list of them (a
// block, a case or a select clause), or nil.
func StmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// FuncBody returns the body and signature of a *ast.FuncDecl or
// *ast.FuncLit.
func FuncBody(info *types.Info, fn ast.Node) (*ast.BlockStmt, *types.Signature) {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := info.Defs[fn.Name].(*types.Func); ok {
			return fn.Body, obj.Type().(*types.Signature)
		}
		return fn.Body, nil
	case *ast.FuncLit:
		sig, _ := info.TypeOf(fn).(*types.Signature)
		return fn.Body, sig
	}
	return nil, nil
}

// Params lists the parameters of fn in order (nil for unnamed ones).
func Params(info *types.Info, ft *ast.FuncType) []*types.Var {
	var out []*types.Var
	if ft == nil || ft.Params == nil {
		return nil
	}
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			out = append(out, nil)
		}
		for _, n := range field.Names {
			v, _ := info.Defs[n].(*types.Var)
			out = append(out, v)
		}
	}
	return out
}

// SelectorPath returns x.a.b as its root variable and the selected names,
// for a chain of field selections; ok is false for anything else (a call, an
// index, a method value).
func SelectorPath(info *types.Info, e ast.Expr) (root *types.Var, fields []string, ok bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v := Var(info, e)
		return v, nil, v != nil
	case *ast.SelectorExpr:
		if s, found := info.Selections[e]; !found || s.Kind() != types.FieldVal {
			return nil, nil, false
		}
		r, fs, ok := SelectorPath(info, e.X)
		return r, append(fs, e.Sel.Name), ok
	}
	return nil, nil, false
}
