package code_test

import (
	"go/ast"
	"go/types"
	"slices"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

// objectsSrc marks identifiers and other expressions of every kind that Var
// and Object tell apart.
const objectsSrc = `
import "os"

type config struct{ max int }

func (config) Get() int { return 0 }

var pkgVar int

const limit = 3

func op() error { return nil }

func f(param int, c config, p *int, xs []int) {
	local := 1
	_ = /*@local*/ local
	_ = /*@paren*/ (local)
	_ = /*@param*/ param
	_ = /*@pkgVar*/ pkgVar
	/*@def*/ defined := 2
	_ = defined
	/*@blank*/ _ = local
	_ = /*@field*/ c.max
	_ = /*@method*/ c.Get
	_ = /*@qualified*/ os.Args
	_ = /*@qualifiedFunc*/ os.Exit
	_ = /*@index*/ xs[0]
	_ = /*@deref*/ *p
	_ = /*@addr*/ &local
	_ = /*@call*/ op()
	_ = /*@fn*/ op
	_ = /*@const*/ limit
	_ = /*@lit*/ 42
	var _ /*@typeName*/ config
	var _ error = /*@nil*/ nil
}
`

func TestVar(t *testing.T) {
	s := check(t, objectsSrc)
	for _, tc := range []struct {
		expr string
		want string // the variable, "" for nil
	}{
		{"local", "var local int"},
		{"paren", "var local int"},
		{"param", "var param int"},
		{"pkgVar", "var pkgVar int"},
		{"def", "var defined int"},
		{"blank", ""},
		{"field", ""},
		{"method", ""},
		{"qualified", ""},
		{"index", ""},
		{"deref", ""},
		{"addr", ""},
		{"call", ""},
		{"fn", ""},
		{"const", ""},
		{"lit", ""},
		{"typeName", ""},
		{"nil", ""},
	} {
		if got := objString(code.Var(s.info, at[ast.Expr](t, s, tc.expr))); got != tc.want {
			t.Errorf("Var(%s) = %q, want %q", tc.expr, got, tc.want)
		}
	}
	if v := code.Var(s.info, nil); v != nil {
		t.Errorf("Var(nil) = %v, want nil", v)
	}
}

func TestObject(t *testing.T) {
	s := check(t, objectsSrc)
	for _, tc := range []struct {
		expr string
		want string // the object, "" for nil
	}{
		{"local", "var local int"},
		{"paren", "var local int"},
		{"def", "var defined int"},
		{"field", "field max int"},
		{"method", "func (config).Get() int"},
		{"qualified", "var os.Args []string"},
		{"qualifiedFunc", "func os.Exit(code int)"},
		{"fn", "func op() error"},
		{"const", "const limit untyped int"},
		{"typeName", "type config struct{max int}"},
		{"nil", "nil"},
		{"index", ""},
		{"deref", ""},
		{"addr", ""},
		{"call", ""},
		{"lit", ""},
	} {
		if got := objString(code.Object(s.info, at[ast.Expr](t, s, tc.expr))); got != tc.want {
			t.Errorf("Object(%s) = %q, want %q", tc.expr, got, tc.want)
		}
	}
	if obj := code.Object(s.info, nil); obj != nil {
		t.Errorf("Object(nil) = %v, want nil", obj)
	}
}

// usesSrc mentions x directly, through nested closures, and through names
// that only look like it: a shadowing parameter or local, a field, a key.
const usesSrc = `
type pair struct{ x int }

func op() error { return nil }

func f(s pair) {
	/*@x*/ x, y, z := 1, 2, 3
	/*@plus*/ _ = x + 1
	/*@other*/ _ = y + 1
	/*@nested*/ func() { func() { _ = x }() }()
	/*@nestedZ*/ func() { func() { _ = z }() }()
	/*@shadowParam*/ _ = func(x int) int { return x }
	/*@shadowLocal*/ { x := 3; _ = x }
	/*@field*/ _ = s.x
	/*@key*/ _ = pair{x: 1}
	/*@w*/ w := 1
	/*@call*/ op()
	_ = w
}
`

func TestUses(t *testing.T) {
	s := check(t, usesSrc)
	x := s.info.ObjectOf(at[*ast.Ident](t, s, "x"))
	for _, tc := range []struct {
		node string
		obj  types.Object
		want bool
	}{
		{"plus", x, true},
		{"nested", x, true},
		{"w", s.def(t, "w"), true}, // its declaration mentions it
		{"call", s.def(t, "op"), true},
		{"other", x, false},
		{"nestedZ", x, false},
		{"shadowParam", x, false},
		{"shadowLocal", x, false},
		{"field", x, false},
		{"key", x, false},
		{"call", x, false},
	} {
		if got := code.Uses(s.info, at[ast.Stmt](t, s, tc.node), tc.obj); got != tc.want {
			t.Errorf("Uses(%s, %s) = %v, want %v", tc.node, tc.obj.Name(), got, tc.want)
		}
	}
	if code.Uses(s.info, nil, x) {
		t.Error("Uses(nil node) = true, want false")
	}
	if code.Uses(s.info, at[ast.Stmt](t, s, "plus"), nil) {
		t.Error("Uses(nil object) = true, want false")
	}
}

func TestUsesAny(t *testing.T) {
	s := check(t, usesSrc)
	x := s.info.ObjectOf(at[*ast.Ident](t, s, "x")).(*types.Var)
	y, z := s.local(t, "y"), s.local(t, "z")
	for _, tc := range []struct {
		node string
		vars []*types.Var
		want bool
	}{
		{"plus", []*types.Var{x}, true},
		{"plus", []*types.Var{z, x}, true},
		{"nestedZ", []*types.Var{y, z}, true},
		{"other", []*types.Var{x, z}, false},
		{"shadowParam", []*types.Var{x}, false},
		{"field", []*types.Var{x}, false},
		{"plus", nil, false},
	} {
		set := map[*types.Var]bool{}
		for _, v := range tc.vars {
			set[v] = true
		}
		if got := code.UsesAny(s.info, at[ast.Stmt](t, s, tc.node), set); got != tc.want {
			t.Errorf("UsesAny(%s, %v) = %v, want %v", tc.node, names(set), got, tc.want)
		}
	}
	if code.UsesAny(s.info, nil, map[*types.Var]bool{x: true}) {
		t.Error("UsesAny(nil node) = true, want false")
	}
	if code.UsesAny(s.info, at[ast.Stmt](t, s, "plus"), map[*types.Var]bool{x: false}) {
		t.Error("UsesAny with x mapped to false = true, want false")
	}
}

// assignedSrc marks statements that change variables in each way Assigned
// knows, and statements that only read them or change what they point to.
const assignedSrc = `
var counter int

func two() (int, error) { return 0, nil }
func use(...any)        {}

type point struct{ x, y int }

type buffer struct{ b []byte }

func (b *buffer) write(s string) { b.b = append(b.b, s...) }
func (b buffer) size() int       { return len(b.b) }

func f(p *int, xs []int, m map[string]int, ch chan int, pp *point, pb *buffer) {
	var s point
	var arr [3]int
	var buf buffer
	var x, y int
	var err error
	var k string
	/*@define*/ n, err2 := two()
	/*@assign*/ x, err = two()
	/*@inc*/ x++
	/*@dec*/ y--
	/*@opAssign*/ x += 2
	/*@addr*/ use(&x)
	/*@closure*/ func() { y = 1 }()
	/*@deferred*/ defer func() { counter++ }()
	/*@goStmt*/ go func() { err = nil }()
	/*@rangeDefine*/ for i, v := range xs { use(i, v) }
	/*@rangeAssign*/ for k = range m {}
	/*@varDecl*/ var a, b = 1, 2
	/*@ifInit*/ if e := error(nil); e != nil {}
	/*@selectRecv*/ select { case r, ok := <-ch: use(r, ok) }
	/*@paren*/ (x) = 3
	/*@swap*/ x, y = y, x
	/*@pkg*/ counter++
	/*@block*/ { x = 1; y++ }
	/*@deref*/ *p = 1
	/*@sliceElem*/ xs[0] = 1
	/*@mapElem*/ m["a"] = 1
	/*@blankAssign*/ _ = x
	/*@fieldAssign*/ s.x = 1
	/*@fieldInc*/ s.y++
	/*@arrayElem*/ arr[0] = 1
	/*@arrayRange*/ for arr[2] = range 3 {}
	/*@fieldAddr*/ q := &s.x
	/*@ptrField*/ pp.x = 1
	/*@ptrMethod*/ buf.write("x")
	/*@valueMethod*/ use(buf.size())
	/*@ptrVarMethod*/ pb.write("x")
	/*@blankDefine*/ _, err3 := two()
	/*@read*/ use(x, y, err, k, q, err3)
	use(n, err2, a, b)
}
`

func TestAssigned(t *testing.T) {
	s := check(t, assignedSrc)
	for _, tc := range []struct {
		stmt string
		want []string
	}{
		{"define", []string{"err2", "n"}},
		{"assign", []string{"err", "x"}},
		{"inc", []string{"x"}},
		{"dec", []string{"y"}},
		{"opAssign", []string{"x"}},
		{"addr", []string{"x"}}, // anything may change it now
		{"closure", []string{"y"}},
		{"deferred", []string{"counter"}},
		{"goStmt", []string{"err"}},
		{"rangeDefine", []string{"i", "v"}},
		{"rangeAssign", []string{"k"}},
		{"varDecl", []string{"a", "b"}},
		{"ifInit", []string{"e"}},
		{"selectRecv", []string{"ok", "r"}},
		{"paren", []string{"x"}},
		{"swap", []string{"x", "y"}},
		{"pkg", []string{"counter"}},
		{"block", []string{"x", "y"}},
		{"deref", nil}, // p still points where it did
		{"sliceElem", nil},
		{"mapElem", nil},
		{"blankAssign", nil},
		{"fieldAssign", []string{"s"}}, // a struct held in the variable
		{"fieldInc", []string{"s"}},
		{"arrayElem", []string{"arr"}},
		{"arrayRange", []string{"arr"}},
		{"fieldAddr", []string{"q", "s"}},
		{"ptrField", nil},              // pp still points where it did
		{"ptrMethod", []string{"buf"}}, // the method takes &buf
		{"valueMethod", nil},
		{"ptrVarMethod", nil},
		{"blankDefine", []string{"err3"}},
		{"read", nil},
	} {
		if got := names(code.Assigned(s.info, at[ast.Stmt](t, s, tc.stmt))); !slices.Equal(got, tc.want) {
			t.Errorf("Assigned(%s) = %v, want %v", tc.stmt, got, tc.want)
		}
	}
	if got := code.Assigned(s.info, nil); got == nil || len(got) != 0 {
		t.Errorf("Assigned(nil) = %v, want an empty set", got)
	}
}

// positionsSrc nests a loop in a function, with variables declared at each
// level, for Within and DeclaredIn.
const positionsSrc = `
import "time"

var pkgVar int

func op() {}

// The method name starts where the receiver list ends.
type client struct{}

func /*@recv*/(c *client)Do() {}

/*@fdecl*/ func f(param int) {
	before := 1
	/*@loop*/ for i := 0; i < 3; i++ /*@body*/ {
		inside := i
		/*@call*/ op()
		_ = inside
	}
	/*@after*/ op()
	_ = before
	time.Sleep(0)
}
`

func TestWithin(t *testing.T) {
	s := check(t, positionsSrc)
	node := func(name string) ast.Node { return at[ast.Node](t, s, name) }
	for _, tc := range []struct {
		n, outer string
		want     bool
	}{
		{"call", "loop", true},
		{"call", "body", true},
		{"call", "fdecl", true},
		{"loop", "loop", true},
		{"body", "loop", true},
		{"loop", "call", false},
		{"loop", "body", false},
		{"after", "loop", false},
		{"call", "after", false},
	} {
		if got := code.Within(node(tc.n), node(tc.outer)); got != tc.want {
			t.Errorf("Within(%s, %s) = %v, want %v", tc.n, tc.outer, got, tc.want)
		}
	}
	if code.Within(nil, node("loop")) {
		t.Error("Within(nil, loop) = true, want false")
	}
	if code.Within(node("call"), nil) {
		t.Error("Within(call, nil) = true, want false")
	}
}

func TestDeclaredIn(t *testing.T) {
	s := check(t, positionsSrc)
	node := func(name string) ast.Node { return at[ast.Node](t, s, name) }
	sleep := types.Object(s.pkg.Imports()[0].Scope().Lookup("Sleep"))
	for _, tc := range []struct {
		obj  types.Object
		n    string
		want bool
	}{
		{s.def(t, "i"), "loop", true},
		{s.def(t, "inside"), "loop", true},
		{s.def(t, "inside"), "body", true},
		{s.def(t, "param"), "fdecl", true},
		{s.def(t, "before"), "fdecl", true},
		{s.def(t, "i"), "body", false}, // declared in the loop's header
		{s.def(t, "before"), "loop", false},
		{s.def(t, "param"), "body", false},
		{s.def(t, "pkgVar"), "fdecl", false},
		{s.def(t, "c"), "recv", true},
		{s.def(t, "Do"), "recv", false},
		{sleep, "fdecl", false},
		{types.Universe.Lookup("error"), "fdecl", false},
	} {
		if got := code.DeclaredIn(tc.obj, node(tc.n)); got != tc.want {
			t.Errorf("DeclaredIn(%s, %s) = %v, want %v", tc.obj.Name(), tc.n, got, tc.want)
		}
	}
	if code.DeclaredIn(nil, node("fdecl")) {
		t.Error("DeclaredIn(nil, fdecl) = true, want false")
	}
	if code.DeclaredIn(s.def(t, "i"), nil) {
		t.Error("DeclaredIn(i, nil) = true, want false")
	}
}
