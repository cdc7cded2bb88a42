package code_test

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

// callsSrc holds one marked call of every kind the call predicates tell
// apart: package functions (one through an import alias), methods with value
// and pointer receivers, promoted and interface methods, func-valued fields
// and variables, conversions, builtins and builtins shadowed by a local, and
// the calls that never return.
const callsSrc = `
import (
	"context"
	"errors"
	"fmt"
	"log"
	"math/rand"
	"os"
	"runtime"
	"testing"
	tm "time"
	"unsafe"
)

type client struct {
	do  func() error
	cfg struct{}
}

func (c *client) Get() error   { return nil }
func (c client) Name() string  { return "" }

type wrapped struct{ *client }

// Fatal and reporter.Fatal are user code that happens to be named like the
// calls that never return.
func Fatal(args ...any) {}

type reporter struct{}

func (reporter) Fatal(args ...any) {}
func (reporter) FailNow()          {}

type myT struct{ *testing.T }

type box[T any] struct{ v T }

func (box[T]) Get() T { var zero T; return zero }

func generic[T any](v T) T { return v }

func calls(ctx context.Context, c *client, w wrapped, err error, d tm.Duration, x int64,
	t *testing.T, b *testing.B, tb testing.TB, mt myT, logger *log.Logger, r reporter,
	anon interface{ M() }, bx box[int]) {
	/*@sleep*/ tm.Sleep(d)
	/*@errorsNew*/ errors.New("x")
	/*@printf*/ fmt.Printf("x")
	/*@getenv*/ os.Getenv("x")
	/*@randIntn*/ rand.Intn(3)
	/*@userFatal*/ Fatal("x")
	/*@generic*/ generic[int](1)
	/*@inferred*/ generic(1)

	/*@get*/ c.Get()
	/*@name*/ c.Name()
	/*@promoted*/ w.Get()
	/*@methodExpr*/ (*client).Get(c)
	/*@boxGet*/ bx.Get()
	/*@ctxErr*/ ctx.Err()
	/*@errError*/ err.Error()
	/*@anonM*/ anon.M()
	/*@logPrintf*/ logger.Printf("x")

	/*@funcField*/ c.do()
	f := func() {}
	/*@funcVar*/ f()
	/*@funcLit*/ func() {}()

	_ = /*@durConv*/ tm.Duration(x)
	_ = /*@errorNil*/ error(nil)
	_ = /*@ptrConv*/ (*client)(nil)
	_ = /*@parenConv*/ (tm.Duration)(x)
	_ = /*@sliceConv*/ []byte("x")
	_ = /*@anyConv*/ any(x)
	_ = /*@int64Conv*/ int64(d)

	_ = /*@len*/ len("x")
	_ = /*@parenLen*/ (len)("x")
	_ = /*@min*/ min(1, 2)
	_ = /*@new*/ new(int)
	_ = /*@sizeof*/ unsafe.Sizeof(x)

	/*@osExit*/ os.Exit(1)
	/*@logFatal*/ log.Fatal("x")
	/*@logFatalf*/ log.Fatalf("x")
	/*@logFatalln*/ log.Fatalln("x")
	/*@logPanic*/ log.Panic("x")
	/*@logPanicf*/ log.Panicf("x")
	/*@logPanicln*/ log.Panicln("x")
	/*@loggerFatal*/ logger.Fatal("x")
	/*@loggerFatalf*/ logger.Fatalf("x")
	/*@loggerFatalln*/ logger.Fatalln("x")
	/*@loggerPanic*/ logger.Panic("x")
	/*@loggerPanicf*/ logger.Panicf("x")
	/*@loggerPanicln*/ logger.Panicln("x")
	/*@loggerPrint*/ logger.Print("x")
	/*@logPrint*/ log.Print("x")
	/*@goexit*/ runtime.Goexit()
	/*@tFatal*/ t.Fatal("x")
	/*@tFatalf*/ t.Fatalf("x")
	/*@tFailNow*/ t.FailNow()
	/*@tSkip*/ t.Skip("x")
	/*@tSkipf*/ t.Skipf("x")
	/*@tSkipNow*/ t.SkipNow()
	/*@tError*/ t.Error("x")
	/*@tFail*/ t.Fail()
	/*@tLog*/ t.Log("x")
	/*@bFatal*/ b.Fatal("x")
	/*@tbFatal*/ tb.Fatal("x")
	/*@tbFailNow*/ tb.FailNow()
	/*@tbHelper*/ tb.Helper()
	/*@mtFatal*/ mt.Fatal("x")
	/*@rFatal*/ r.Fatal("x")
	/*@rFailNow*/ r.FailNow()
	/*@panic*/ panic("x")
}

func shadowed() {
	len := func(string) int { return 0 }
	/*@shadowLen*/ len("x")
	panic := func(string) {}
	/*@shadowPanic*/ panic("x")
}
`

func TestCallee(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call string
		want string // the callee's full name, "" for nil
	}{
		{"sleep", "time.Sleep"},
		{"errorsNew", "errors.New"},
		{"userFatal", "p.Fatal"},
		{"generic", "p.generic"},
		{"inferred", "p.generic"},
		{"get", "(*p.client).Get"},
		{"name", "(p.client).Name"},
		{"promoted", "(*p.client).Get"},
		{"methodExpr", "(*p.client).Get"},
		{"boxGet", "(p.box[T]).Get"},
		{"funcField", ""},
		{"funcVar", ""},
		{"funcLit", ""},
		{"durConv", ""},
		{"errorNil", ""},
		{"len", ""},
		{"shadowLen", ""},
	} {
		fn := code.Callee(s.info, at[*ast.CallExpr](t, s, tc.call))
		got := ""
		if fn != nil {
			got = fn.FullName()
		}
		if got != tc.want {
			t.Errorf("Callee(%s) = %q, want %q", tc.call, got, tc.want)
		}
	}
}

func TestPkgFunc(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call       string
		path, name string
		ok         bool
	}{
		{"sleep", "time", "Sleep", true}, // imported as tm
		{"errorsNew", "errors", "New", true},
		{"randIntn", "math/rand", "Intn", true},
		{"userFatal", "p", "Fatal", true},
		{"generic", "p", "generic", true},
		{"inferred", "p", "generic", true},
		{"get", "", "", false},
		{"methodExpr", "", "", false},
		{"ctxErr", "", "", false},
		{"funcField", "", "", false},
		{"funcVar", "", "", false},
		{"funcLit", "", "", false},
		{"durConv", "", "", false},
		{"len", "", "", false},
		{"panic", "", "", false},
		{"sizeof", "", "", false},
	} {
		path, name, ok := code.PkgFunc(s.info, at[*ast.CallExpr](t, s, tc.call))
		if path != tc.path || name != tc.name || ok != tc.ok {
			t.Errorf("PkgFunc(%s) = %q, %q, %v, want %q, %q, %v", tc.call, path, name, ok, tc.path, tc.name, tc.ok)
		}
	}
}

func TestIsPkgCall(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call, path, name string
		want             bool
	}{
		{"sleep", "time", "Sleep", true},
		{"sleep", "tm", "Sleep", false}, // the alias is not the path
		{"sleep", "time", "After", false},
		{"errorsNew", "errors", "New", true},
		{"randIntn", "math/rand", "Intn", true},
		{"randIntn", "rand", "Intn", false}, // the name is not the path
		{"userFatal", "p", "Fatal", true},
		{"userFatal", "log", "Fatal", false},
		{"loggerFatal", "log", "Fatal", false}, // a method, not log.Fatal
		{"durConv", "time", "Duration", false},
		{"len", "", "len", false},
	} {
		if got := code.IsPkgCall(s.info, at[*ast.CallExpr](t, s, tc.call), tc.path, tc.name); got != tc.want {
			t.Errorf("IsPkgCall(%s, %q, %q) = %v, want %v", tc.call, tc.path, tc.name, got, tc.want)
		}
	}
}

func TestMethod(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call string
		want string // the method's full name, "" for nil
	}{
		{"get", "(*p.client).Get"},
		{"name", "(p.client).Name"},
		{"promoted", "(*p.client).Get"},
		{"methodExpr", "(*p.client).Get"},
		{"boxGet", "(p.box[T]).Get"},
		{"logPrintf", "(*log.Logger).Printf"},
		{"sleep", ""},
		{"userFatal", ""},
		{"generic", ""},
		{"funcField", ""},
		{"funcVar", ""},
		{"funcLit", ""},
		{"durConv", ""},
		{"len", ""},
	} {
		fn := code.Method(s.info, at[*ast.CallExpr](t, s, tc.call))
		got := ""
		if fn != nil {
			got = fn.FullName()
		}
		if got != tc.want {
			t.Errorf("Method(%s) = %q, want %q", tc.call, got, tc.want)
		}
	}
}

func TestRecvNamed(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call       string
		path, name string
	}{
		{"get", "p", "client"}, // through the pointer receiver
		{"name", "p", "client"},
		{"promoted", "p", "client"},
		{"boxGet", "p", "box"},
		{"logPrintf", "log", "Logger"},
		{"tFatal", "testing", "common"}, // T's Fatal is promoted from common
		{"tbFatal", "testing", "TB"},
		{"ctxErr", "context", "Context"},
		{"errError", "", ""}, // error is named but in no package
		{"anonM", "", ""},
		{"sleep", "", ""},
	} {
		// The method is taken from the selector, not from Callee, so that
		// this test depends on RecvNamed alone.
		sel := at[*ast.CallExpr](t, s, tc.call).Fun.(*ast.SelectorExpr)
		fn, ok := s.info.ObjectOf(sel.Sel).(*types.Func)
		if !ok {
			t.Fatalf("%s does not call a function", tc.call)
		}
		if path, name := code.RecvNamed(fn); path != tc.path || name != tc.name {
			t.Errorf("RecvNamed(%s) = %q, %q, want %q, %q", fn.FullName(), path, name, tc.path, tc.name)
		}
	}
}

func TestIsBuiltin(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call, name string
		want       bool
	}{
		{"len", "len", true},
		{"parenLen", "len", true},
		{"min", "min", true},
		{"new", "new", true},
		{"panic", "panic", true},
		{"len", "cap", false},
		{"shadowLen", "len", false},
		{"shadowPanic", "panic", false},
		{"sleep", "Sleep", false},
		{"durConv", "Duration", false},
		{"funcLit", "", false},
	} {
		if got := code.IsBuiltin(s.info, at[*ast.CallExpr](t, s, tc.call), tc.name); got != tc.want {
			t.Errorf("IsBuiltin(%s, %q) = %v, want %v", tc.call, tc.name, got, tc.want)
		}
	}
}

func TestBuiltinName(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call, want string
	}{
		{"len", "len"},
		{"parenLen", "len"},
		{"min", "min"},
		{"panic", "panic"},
		{"shadowLen", ""},
		{"shadowPanic", ""},
		{"sleep", ""},
		{"durConv", ""},
		{"errorNil", ""},
		{"funcLit", ""},
		{"get", ""},
	} {
		if got := code.BuiltinName(s.info, at[*ast.CallExpr](t, s, tc.call)); got != tc.want {
			t.Errorf("BuiltinName(%s) = %q, want %q", tc.call, got, tc.want)
		}
	}
}

func TestIsConversion(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call string
		want bool
	}{
		{"durConv", true},
		{"errorNil", true},
		{"ptrConv", true},
		{"parenConv", true},
		{"sliceConv", true},
		{"anyConv", true},
		{"int64Conv", true},
		{"sleep", false},
		{"get", false},
		{"generic", false},
		{"funcVar", false},
		{"funcLit", false},
		{"len", false},
		{"new", false},
	} {
		if got := code.IsConversion(s.info, at[*ast.CallExpr](t, s, tc.call)); got != tc.want {
			t.Errorf("IsConversion(%s) = %v, want %v", tc.call, got, tc.want)
		}
	}
}

func TestIsNoReturn(t *testing.T) {
	s := check(t, callsSrc)
	for _, tc := range []struct {
		call string
		want bool
	}{
		{"panic", true},
		{"osExit", true},
		{"logFatal", true},
		{"logFatalf", true},
		{"logFatalln", true},
		{"logPanic", true},
		{"logPanicf", true},
		{"logPanicln", true},
		{"loggerFatal", true},
		{"loggerFatalf", true},
		{"loggerFatalln", true},
		{"loggerPanic", true},
		{"loggerPanicf", true},
		{"loggerPanicln", true},
		{"loggerPrint", false},
		{"goexit", true},
		{"tFatal", true},
		{"tFatalf", true},
		{"tFailNow", true},
		{"tSkip", true},
		{"tSkipf", true},
		{"tSkipNow", true},
		{"bFatal", true},
		{"tbFatal", true},
		{"tbFailNow", true},
		{"mtFatal", true}, // promoted from the embedded *testing.T
		{"shadowPanic", false},
		{"userFatal", false},
		{"rFatal", false},
		{"rFailNow", false},
		{"logPrint", false},
		{"logPrintf", false},
		{"tError", false},
		{"tFail", false},
		{"tLog", false},
		{"tbHelper", false},
		{"getenv", false},
		{"printf", false},
		{"funcVar", false},
	} {
		if got := code.IsNoReturn(s.info, at[*ast.CallExpr](t, s, tc.call)); got != tc.want {
			t.Errorf("IsNoReturn(%s) = %v, want %v", tc.call, got, tc.want)
		}
	}
}
