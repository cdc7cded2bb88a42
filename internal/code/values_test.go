package code_test

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

// constSrc marks constant expressions, typed and untyped, in and out of
// int64's range, and expressions that only look constant.
const constSrc = `
import "time"

const untyped = 5

const typed int = 7

const small uint8 = 200

const delay = 2 * time.Second

func f(x int, xs []int, arr [3]int, d time.Duration) {
	_ = /*@lit*/ 3
	_ = /*@neg*/ -7
	_ = /*@untyped*/ untyped
	_ = /*@paren*/ (untyped)
	_ = /*@typed*/ typed
	_ = /*@small*/ small
	_ = /*@product*/ untyped * 2
	_ = /*@second*/ time.Second
	_ = /*@delay*/ delay
	_ = /*@durConv*/ time.Duration(3)
	_ = /*@durFloat*/ time.Duration(1.5 * float64(time.Second))
	_ = d < /*@durLit*/ 1e9
	var _ int = /*@intFromFloat*/ 3.0
	_ = /*@rune*/ 'a'
	_ = /*@maxInt64*/ 1<<63 - 1
	_ = /*@minInt64*/ -1 << 63
	_ = float64(/*@over*/ 1 << 70)
	_ = float64(/*@maxUint64*/ 1<<64 - 1)
	_ = /*@lenString*/ len("abc")
	_ = /*@lenArray*/ len(arr)
	_ = /*@str*/ "3"
	_ = /*@half*/ 1.5
	_ = /*@bool*/ true
	_ = /*@x*/ x
	_ = /*@xPlus*/ x + 1
	_ = /*@lenSlice*/ len(xs)
	_ = /*@durVar*/ time.Duration(x)
	_ = /*@durMul*/ d * 2
	var _ error = /*@nil*/ nil
}
`

func TestConstValue(t *testing.T) {
	s := check(t, constSrc)
	for _, tc := range []struct {
		expr string
		want string // the exact value, "" when not constant
	}{
		{"lit", "3"},
		{"neg", "-7"},
		{"untyped", "5"},
		{"paren", "5"},
		{"typed", "7"},
		{"product", "10"},
		{"second", "1000000000"},
		{"delay", "2000000000"},
		{"over", "1180591620717411303424"},
		{"lenString", "3"},
		{"lenArray", "3"}, // len of an array is a constant
		{"str", `"3"`},
		{"half", "3/2"},
		{"bool", "true"},
		{"x", ""},
		{"xPlus", ""},
		{"lenSlice", ""},
		{"durVar", ""},
		{"nil", ""},
	} {
		got := ""
		if v, ok := code.ConstValue(s.info, at[ast.Expr](t, s, tc.expr)); ok {
			got = v.ExactString()
		}
		if got != tc.want {
			t.Errorf("ConstValue(%s) = %q, want %q", tc.expr, got, tc.want)
		}
	}
	if v, ok := code.ConstValue(s.info, nil); ok {
		t.Errorf("ConstValue(nil) = %v, true, want not ok", v)
	}
}

func TestConstInt(t *testing.T) {
	s := check(t, constSrc)
	for _, tc := range []struct {
		expr string
		want int64
		ok   bool
	}{
		{"lit", 3, true},
		{"neg", -7, true},
		{"untyped", 5, true},
		{"paren", 5, true},
		{"typed", 7, true},
		{"small", 200, true},
		{"product", 10, true},
		{"second", 1_000_000_000, true},
		{"delay", 2_000_000_000, true},
		{"durConv", 3, true},
		{"durFloat", 1_500_000_000, true},
		{"durLit", 1_000_000_000, true}, // the untyped 1e9 becomes a duration
		{"intFromFloat", 3, true},       // and 3.0 an int
		{"rune", 'a', true},
		{"maxInt64", 1<<63 - 1, true},
		{"minInt64", -1 << 63, true},
		{"lenArray", 3, true},
		{"over", 0, false},
		{"maxUint64", 0, false},
		{"str", 0, false},
		{"half", 0, false},
		{"bool", 0, false},
		{"x", 0, false},
		{"xPlus", 0, false},
		{"lenSlice", 0, false},
		{"durVar", 0, false},
		{"durMul", 0, false},
		{"nil", 0, false},
	} {
		got, ok := code.ConstInt(s.info, at[ast.Expr](t, s, tc.expr))
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("ConstInt(%s) = %d, %v, want %d, %v", tc.expr, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := code.ConstInt(s.info, nil); ok {
		t.Error("ConstInt(nil) ok, want not ok")
	}
}

// nilSrc marks nil where it is the predeclared value, a nil that a local
// shadows, and values that are nil only at run time.
const nilSrc = `
import "io"

type myErr struct{}

func (myErr) Error() string { return "" }

func use(error) {}

type errno uintptr

func (errno) Error() string { return "" }

func f(err, other error, p *int, en errno) error {
	_ = err != /*@nilOperand*/ nil
	_ = err != /*@parenNil*/ (nil)
	use(/*@nilArg*/ nil)
	var _ *int = /*@nilInit*/ nil
	_ = /*@errVar*/ err
	_ = /*@zero*/ 0
	_ = /*@eof*/ io.EOF
	_ = /*@errorNil*/ error(nil)

	_ = /*@neq*/ err != nil
	_ = /*@eq*/ err == nil
	_ = /*@nilEq*/ nil == err
	_ = /*@nilNeq*/ nil != err
	_ = /*@parenOperand*/ (err) != nil
	_ = /*@parenTest*/ (err != nil)
	_ = /*@ptr*/ p == nil
	_ = /*@neqEOF*/ err != io.EOF
	_ = /*@otherNeq*/ other != nil
	_ = /*@errs*/ err == other
	_ = /*@not*/ !(err != nil)
	_ = /*@and*/ err != nil && other != nil
	_ = /*@assert*/ err.(myErr) == myErr{}
	_ = /*@ptrNeq*/ p != nil
	_ = /*@errnoNeq*/ en != 0
	_ = /*@errnoEq*/ 0 == en
	_ = /*@errnoOne*/ en != 1
	_ = /*@ifaceZero*/ err != errno(0)
	return /*@returnNil*/ nil
}

func shadow(shadowErr error) {
	var nil error
	_ = /*@shadowed*/ nil
	_ = /*@shadowedTest*/ shadowErr == nil
}
`

func TestIsNil(t *testing.T) {
	s := check(t, nilSrc)
	for _, tc := range []struct {
		expr string
		want bool
	}{
		{"nilOperand", true},
		{"parenNil", true},
		{"nilArg", true},
		{"nilInit", true},
		{"returnNil", true},
		{"errVar", false},
		{"zero", false},
		{"eof", false},
		{"errorNil", false}, // a nil error value, not the predeclared nil
		{"neq", false},
		{"shadowed", false},
	} {
		if got := code.IsNil(s.info, at[ast.Expr](t, s, tc.expr)); got != tc.want {
			t.Errorf("IsNil(%s) = %v, want %v", tc.expr, got, tc.want)
		}
	}
	if code.IsNil(s.info, nil) {
		t.Error("IsNil(nil expression) = true, want false")
	}
}

func TestNilTest(t *testing.T) {
	s := check(t, nilSrc)
	vars := map[string]*types.Var{"err": s.local(t, "err"), "p": s.local(t, "p"), "shadowErr": s.local(t, "shadowErr"), "en": s.local(t, "en")}
	for _, tc := range []struct {
		expr   string
		v      string // the variable tested
		eq, ok bool
	}{
		{"neq", "err", false, true},
		{"eq", "err", true, true},
		{"nilEq", "err", true, true},
		{"nilNeq", "err", false, true},
		{"parenOperand", "err", false, true},
		{"parenTest", "err", false, true},
		{"ptr", "p", true, true},
		{"ptrNeq", "p", false, true},
		{"neq", "p", false, false}, // a test of another variable
		{"neqEOF", "err", false, false},
		{"otherNeq", "err", false, false},
		{"errs", "err", false, false},
		{"not", "err", false, false},
		{"and", "err", false, false},
		{"assert", "err", false, false},
		{"shadowedTest", "shadowErr", false, false},
		// an error of a concrete type is nil when it is its zero value
		{"errnoNeq", "en", false, true},
		{"errnoEq", "en", true, true},
		{"errnoOne", "en", false, false},
		{"ifaceZero", "err", false, false}, // errno(0) in an interface is not nil
	} {
		eq, ok := code.NilTest(s.info, at[ast.Expr](t, s, tc.expr), vars[tc.v])
		if eq != tc.eq || ok != tc.ok {
			t.Errorf("NilTest(%s, %s) = %v, %v, want %v, %v", tc.expr, tc.v, eq, ok, tc.eq, tc.ok)
		}
	}
	if _, ok := code.NilTest(s.info, at[ast.Expr](t, s, "neq"), nil); ok {
		t.Error("NilTest(neq, nil variable) ok, want not ok")
	}
	if _, ok := code.NilTest(s.info, nil, vars["err"]); ok {
		t.Error("NilTest(nil expression) ok, want not ok")
	}
}
