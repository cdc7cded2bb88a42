package code_test

import (
	"go/ast"
	"go/types"
	"slices"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

// stmtsSrc marks nodes that hold statement lists and nodes that only
// contain one.
const stmtsSrc = `
func a() {}
func b() {}

/*@fdecl*/ func f(n int, ch chan int) {
	/*@block*/ {
		a()
		b()
	}
	/*@empty*/ {
	}
	/*@switch*/ switch n {
	/*@case*/ case 1:
		a()
		b()
	/*@default*/ default:
	}
	/*@select*/ select {
	/*@comm*/ case <-ch:
		a()
	}
	/*@if*/ if n > 0 {
		a()
	}
	/*@for*/ for range n {
		a()
	}
	/*@call*/ a()
}
`

func TestStmtList(t *testing.T) {
	s := check(t, stmtsSrc)
	for _, tc := range []struct {
		node string
		want []string
	}{
		{"block", []string{"a()", "b()"}},
		{"case", []string{"a()", "b()"}},
		{"comm", []string{"a()"}},
		{"empty", nil},
		{"default", nil},
		{"switch", nil}, // its clauses sit in a block of its own
		{"select", nil},
		{"if", nil},
		{"for", nil},
		{"call", nil},
		{"fdecl", nil},
	} {
		var got []string
		for _, st := range code.StmtList(at[ast.Node](t, s, tc.node)) {
			got = append(got, types.ExprString(st.(*ast.ExprStmt).X))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("StmtList(%s) = %q, want %q", tc.node, got, tc.want)
		}
	}
	if got := code.StmtList(nil); got != nil {
		t.Errorf("StmtList(nil) = %v, want nil", got)
	}
}

// funcsSrc marks function declarations and literals of several shapes.
const funcsSrc = `
import "context"

type client struct{}

/*@method*/ func (c *client) Do(n int) error { return nil }

/*@decl*/ func op(ctx context.Context) error {
	f := /*@lit*/ func(n int) (int, error) { return n, nil }
	_ = f
	return nil
}

/*@generic*/ func first[T any](xs []T) T { return xs[0] }

// external is implemented elsewhere (in assembly, say).
/*@nobody*/ func external(x int)
`

func TestFuncBody(t *testing.T) {
	s := check(t, funcsSrc)
	for _, tc := range []struct {
		node  string
		stmts int    // statements in the body, -1 for no body
		sig   string // the signature, "" for nil
		recv  bool
	}{
		{"decl", 3, "func(ctx context.Context) error", false},
		{"method", 1, "func(n int) error", true},
		{"generic", 1, "func[T any](xs []T) T", false},
		{"nobody", -1, "func(x int)", false},
	} {
		body, sig := code.FuncBody(s.info, at[*ast.FuncDecl](t, s, tc.node))
		stmts := -1
		if body != nil {
			stmts = len(body.List)
		}
		got := ""
		if sig != nil {
			got = sig.String()
		}
		if stmts != tc.stmts || got != tc.sig || sig != nil && (sig.Recv() != nil) != tc.recv {
			t.Errorf("FuncBody(%s) = %d statements, %s, want %d, %s (receiver %v)", tc.node, stmts, got, tc.stmts, tc.sig, tc.recv)
		}
	}

	lit := at[*ast.FuncLit](t, s, "lit")
	if body, sig := code.FuncBody(s.info, lit); body != lit.Body || sig == nil || sig.String() != "func(n int) (int, error)" {
		t.Errorf("FuncBody(lit) = %v, %v, want its body and func(n int) (int, error)", body, sig)
	}

	// A declaration the type checker did not see still has its body.
	decl := at[*ast.FuncDecl](t, s, "decl")
	if body, sig := code.FuncBody(&types.Info{}, decl); body != decl.Body || sig != nil {
		t.Errorf("FuncBody(decl) without type information = %v, %v, want its body and nil", body, sig)
	}

	for _, n := range []ast.Node{decl.Body, decl.Type, lit.Type, nil} {
		if body, sig := code.FuncBody(s.info, n); body != nil || sig != nil {
			t.Errorf("FuncBody(%T) = %v, %v, want nil, nil", n, body, sig)
		}
	}
}

// paramsSrc marks function types with grouped, unnamed, blank and variadic
// parameters.
const paramsSrc = `
import "context"

type client struct{}

func f(/*@grouped*/ func(a, b int, c string),
	/*@unnamed*/ func(int, string),
	/*@blank*/ func(_ int, a int),
	/*@variadic*/ func(format string, args ...any),
	/*@none*/ func(),
	/*@results*/ func(n int) (m int, err error),
) {
}

func (c *client) Do(/*@method*/ ctx context.Context, n int) {}

type op /*@typeDecl*/ func(ctx context.Context, attempt int) error

var lit = /*@lit*/ func(ctx context.Context) error { return nil }
`

func TestParams(t *testing.T) {
	s := check(t, paramsSrc)
	for _, tc := range []struct {
		fn   string
		want []string // name and type of each, "nil" for unnamed ones
	}{
		{"grouped", []string{"a int", "b int", "c string"}},
		{"unnamed", []string{"nil", "nil"}},
		{"blank", []string{"_ int", "a int"}}, // _ is a name
		{"variadic", []string{"format string", "args []any"}},
		{"none", nil},
		{"results", []string{"n int"}},
		{"typeDecl", []string{"ctx context.Context", "attempt int"}},
	} {
		if got := params(code.Params(s.info, at[*ast.FuncType](t, s, tc.fn))); !slices.Equal(got, tc.want) {
			t.Errorf("Params(%s) = %q, want %q", tc.fn, got, tc.want)
		}
	}

	// The receiver is not a parameter.
	var method *ast.FuncType
	for _, d := range s.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil {
			method = fd.Type
		}
	}
	if got, want := params(code.Params(s.info, method)), []string{"ctx context.Context", "n int"}; !slices.Equal(got, want) {
		t.Errorf("Params(method) = %q, want %q", got, want)
	}
	if got, want := params(code.Params(s.info, at[*ast.FuncLit](t, s, "lit").Type)), []string{"ctx context.Context"}; !slices.Equal(got, want) {
		t.Errorf("Params(lit) = %q, want %q", got, want)
	}
	if got := code.Params(s.info, nil); got != nil {
		t.Errorf("Params(nil) = %v, want nil", got)
	}
}

// params renders parameters as "name type", "nil" for a missing one.
func params(vs []*types.Var) []string {
	var out []string
	for _, v := range vs {
		if v == nil {
			out = append(out, "nil")
			continue
		}
		out = append(out, v.Name()+" "+types.TypeString(v.Type(), (*types.Package).Name))
	}
	return out
}

// selectorsSrc marks chains of field selections and chains broken by a
// call, an index, a method value or a package name.
const selectorsSrc = `
import "os"

type retryCfg struct{ Max int }

func (retryCfg) Delay() int { return 0 }

type config struct {
	Retry retryCfg
	list  []retryCfg
}

type withEmbedded struct{ retryCfg }

type client struct{ cfg config }

func (c *client) get() retryCfg { return c.cfg.Retry }

func f(c *client, p *retryCfg, e withEmbedded) {
	_ = /*@chain*/ c.cfg.Retry.Max
	_ = /*@root*/ c
	_ = /*@paren*/ (c.cfg).Retry
	_ = /*@ptr*/ p.Max
	_ = /*@promoted*/ e.Max
	_ = /*@methodValue*/ c.cfg.Retry.Delay
	_ = /*@methodCall*/ c.cfg.Retry.Delay()
	_ = /*@callInChain*/ c.get().Max
	_ = /*@index*/ c.cfg.list[0].Max
	_ = /*@pkgVar*/ os.Args
	_ = /*@fn*/ f
	_ = /*@lit*/ 3
}
`

func TestSelectorPath(t *testing.T) {
	s := check(t, selectorsSrc)
	for _, tc := range []struct {
		expr   string
		root   string // the root variable's name
		fields []string
		ok     bool
	}{
		{"chain", "c", []string{"cfg", "Retry", "Max"}, true},
		{"root", "c", nil, true},
		{"paren", "c", []string{"cfg", "Retry"}, true},
		{"ptr", "p", []string{"Max"}, true},
		{"promoted", "e", []string{"Max"}, true}, // the names written
		{"methodValue", "", nil, false},
		{"methodCall", "", nil, false},
		{"callInChain", "", nil, false},
		{"index", "", nil, false},
		{"pkgVar", "", nil, false},
		{"fn", "", nil, false},
		{"lit", "", nil, false},
	} {
		root, fields, ok := code.SelectorPath(s.info, at[ast.Expr](t, s, tc.expr))
		if ok != tc.ok {
			t.Errorf("SelectorPath(%s) ok = %v, want %v", tc.expr, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if root == nil || root.Name() != tc.root || !slices.Equal(fields, tc.fields) {
			t.Errorf("SelectorPath(%s) = %v, %q, want %s, %q", tc.expr, root, fields, tc.root, tc.fields)
		}
	}
	if _, _, ok := code.SelectorPath(s.info, nil); ok {
		t.Error("SelectorPath(nil) ok, want not ok")
	}
}
