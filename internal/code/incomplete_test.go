package code_test

import (
	"go/ast"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

// incompleteSrc does not type-check: the predicates must answer "no" for
// the names and calls the checker could not resolve, and not panic.
const incompleteSrc = `
type pair struct{ x int }

func f(p pair) {
	/*@undefinedCall*/ undefinedFunc(1)
	/*@undefinedPkg*/ undefinedPkg.Func()
	/*@undefinedType*/ undefinedType(1)
	_ = /*@undefinedVar*/ undefinedVar
	_ = /*@undefinedSum*/ undefinedVar + 1
	_ = /*@badField*/ p.missing.x
}
`

func TestIncompleteCode(t *testing.T) {
	s, errs := checkAllowingErrors(t, incompleteSrc)
	if len(errs) == 0 {
		t.Fatal("snippet type-checks, want errors")
	}
	for _, name := range []string{"undefinedCall", "undefinedPkg", "undefinedType"} {
		call := at[*ast.CallExpr](t, s, name)
		if fn := code.Callee(s.info, call); fn != nil {
			t.Errorf("Callee(%s) = %v, want nil", name, fn)
		}
		if _, _, ok := code.PkgFunc(s.info, call); ok {
			t.Errorf("PkgFunc(%s) ok, want not ok", name)
		}
		if fn := code.Method(s.info, call); fn != nil {
			t.Errorf("Method(%s) = %v, want nil", name, fn)
		}
		if got := code.BuiltinName(s.info, call); got != "" {
			t.Errorf("BuiltinName(%s) = %q, want \"\"", name, got)
		}
		if code.IsConversion(s.info, call) {
			t.Errorf("IsConversion(%s) = true, want false", name)
		}
		if code.IsNoReturn(s.info, call) {
			t.Errorf("IsNoReturn(%s) = true, want false", name)
		}
	}
	for _, name := range []string{"undefinedVar", "undefinedSum", "badField"} {
		e := at[ast.Expr](t, s, name)
		if v := code.Var(s.info, e); v != nil {
			t.Errorf("Var(%s) = %v, want nil", name, v)
		}
		if _, ok := code.ConstValue(s.info, e); ok {
			t.Errorf("ConstValue(%s) ok, want not ok", name)
		}
		if _, ok := code.ConstInt(s.info, e); ok {
			t.Errorf("ConstInt(%s) ok, want not ok", name)
		}
		if code.IsNil(s.info, e) {
			t.Errorf("IsNil(%s) = true, want false", name)
		}
		if _, _, ok := code.SelectorPath(s.info, e); ok {
			t.Errorf("SelectorPath(%s) ok, want not ok", name)
		}
	}
	if obj := code.Object(s.info, at[ast.Expr](t, s, "undefinedVar")); obj != nil {
		t.Errorf("Object(undefinedVar) = %v, want nil", obj)
	}
}
