package shape

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

// TestShortcutsFindTheSame runs Find with and without the shortcuts that
// skip the study of a candidate whose result Find drops (endlessDropped),
// on the fixtures and on the standard library's packages whose read and
// write loops go round on EINTR and EAGAIN, and checks that both report
// the same retries, and that the shortcuts did skip some candidates.
func TestShortcutsFindTheSame(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and type-checks packages of the standard library")
	}
	fixtures, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	gopath := &packages.Config{
		Mode: packages.LoadSyntax,
		Dir:  filepath.Join(fixtures, "src"),
		Env:  append(os.Environ(), "GOPATH="+fixtures, "GO111MODULE=off", "GOPROXY=off"),
	}
	pkgs := load(t, gopath, "./...")
	pkgs = append(pkgs, load(t, &packages.Config{Mode: packages.LoadSyntax}, "internal/poll", "os", "net", "syscall", "bufio")...)
	pkgs = append(pkgs, checked(t, endlessKept))

	re := regexp.MustCompile(`[wW]ith_?[rR]etr(y|ies)|^[rR]etry([A-Z_0-9]|$)|[rR]etrying$`)
	skipped := 0
	for _, p := range pkgs {
		fast := findIn(p, Options{FuncPattern: re, RetryPackage: "example.com/retry", skipped: &skipped})
		slow := findIn(p, Options{FuncPattern: re, RetryPackage: "example.com/retry", exhaustive: true})
		if p.PkgPath == "p" && len(slow) != 4 {
			t.Errorf("without the shortcuts, Find reports %d of the endless loops it keeps, want 4", len(slow))
		}
		if len(fast) != len(slow) {
			t.Errorf("%s: %d retries with the shortcuts, %d without", p.PkgPath, len(fast), len(slow))
			continue
		}
		for i := range fast {
			if f, s := render(p, fast[i]), render(p, slow[i]); f != s {
				t.Errorf("%s: with the shortcuts\n\t%s\nwithout\n\t%s", p.PkgPath, f, s)
			}
		}
	}
	if skipped == 0 {
		t.Error("the shortcuts skipped no candidate: this test checks nothing")
	}
	t.Logf("%d packages, %d candidates skipped", len(pkgs), skipped)
}

// endlessKept holds loops that go round the same iteration forever and
// that Find reports all the same: the shortcuts must leave them alone.
const endlessKept = `package p

import (
	"context"
	"time"
)

func op(context.Context) error { return nil }

// The end of the context ends it.
func watched(ctx context.Context) error {
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := op(ctx); err == nil {
			return nil
		}
	}
}

// Its wait watches the context.
func waits(ctx context.Context) error {
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// Its wait watches another channel.
func stops(ctx context.Context, stop <-chan struct{}) error {
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-stop:
			return err
		case <-time.After(time.Second):
		}
	}
}

// Its name says it retries.
func callWithRetry(ctx context.Context) error {
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
	}
}
`

// checked parses and type-checks src, a package that imports only the
// standard library.
func checked(t *testing.T, src string) *packages.Package {
	t.Helper()
	p := &packages.Package{PkgPath: "p", Fset: token.NewFileSet(), TypesInfo: &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}}
	f, err := parser.ParseFile(p.Fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	p.Syntax = []*ast.File{f}
	conf := types.Config{Importer: importer.ForCompiler(p.Fset, "source", nil)}
	if p.Types, err = conf.Check("p", p.Fset, p.Syntax, p.TypesInfo); err != nil {
		t.Fatal(err)
	}
	return p
}

func load(t *testing.T, cfg *packages.Config, patterns ...string) []*packages.Package {
	t.Helper()
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Fatalf("%s: %v", p.PkgPath, e)
		}
	}
	return pkgs
}

// findIn runs Find over p, with no facts from its imports.
func findIn(p *packages.Package, opts Options) []*Retry {
	pass := &analysis.Pass{
		Fset: p.Fset, Files: p.Syntax, Pkg: p.Types, TypesInfo: p.TypesInfo,
		ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact: func(types.Object, analysis.Fact) {},
	}
	return Find(pass, inspector.New(p.Syntax), opts)
}

// render is what a report of r says, and where.
func render(p *packages.Package, r *Retry) string {
	var op ast.Node = r.Func.Node
	if r.Op.Call != nil {
		op = r.Op.Call
	}
	return fmt.Sprintf("%s: %v %v %q, operation at %s, no fix: %v, changes %v",
		p.Fset.Position(r.Pos()), r.Category, r.Bound.Kind, r.Summary(p.TypesInfo), p.Fset.Position(op.Pos()), r.NoFix, r.Changes)
}

// TestSameEntry checks what tells two states entering an iteration apart:
// the values and the assumptions, but not the attempt an assumption was
// made in, which the machine never reads.
func TestSameEntry(t *testing.T) {
	i, j := types.NewVar(0, nil, "i", types.Typ[types.Int]), types.NewVar(0, nil, "j", types.Typ[types.Int])
	x, y := ast.NewIdent("x"), ast.NewIdent("y")
	entry := func(iv int64, a atomVal) *state {
		return &state{env: map[key]value{{v: i}: intVal(iv), {v: j}: intVal(1)}, assume: map[string]atomVal{"x": a}, outcome: failed}
	}
	base := entry(1, atomVal{val: true, kind: errAtom, expr: x, op: 1})
	for _, tc := range []struct {
		name string
		s    *state
		want bool
	}{
		{"a later attempt", entry(1, atomVal{val: true, kind: errAtom, expr: x, op: 2}), true},
		{"another value", entry(2, atomVal{val: true, kind: errAtom, expr: x, op: 1}), false},
		{"the atom false", entry(1, atomVal{val: false, kind: errAtom, expr: x, op: 1}), false},
		{"another kind", entry(1, atomVal{val: true, kind: ctxAtom, expr: x, op: 1}), false},
		{"another expression", entry(1, atomVal{val: true, kind: errAtom, expr: y, op: 1}), false},
		{"another outcome", func() *state { s := entry(1, base.assume["x"]); s.outcome = noOutcome; return s }(), false},
		{"events of its own", func() *state { s := entry(1, base.assume["x"]); s.events = []*event{{kind: stmtEvent}}; return s }(), false},
	} {
		if got := sameEntry(base, tc.s); got != tc.want {
			t.Errorf("%s: sameEntry = %v, want %v", tc.name, got, tc.want)
		}
	}
}
