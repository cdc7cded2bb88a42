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
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
)

// TestShortcutsFindTheSame runs Find with and without the shortcuts that
// skip work whose result Find drops (endlessDropped, halt) on the corpus,
// and checks that both report the same retries, and that each shortcut did
// skip some work.
func TestShortcutsFindTheSame(t *testing.T) {
	pkgs := append(corpus(t), checked(t, endlessKept))

	re := regexp.MustCompile(`[wW]ith_?[rR]etr(y|ies)|^[rR]etry([A-Z_0-9]|$)|[rR]etrying$`)
	var skipped skipped
	for _, p := range pkgs {
		fast := findIn(p, Options{FuncPattern: re, RetryPackage: "example.com/retry", skipped: &skipped})
		slow := findIn(p, Options{FuncPattern: re, RetryPackage: "example.com/retry", exhaustive: true})
		if p.PkgPath == "p" && len(slow) != 6 {
			t.Errorf("without the shortcuts, Find reports %d of the endless loops it keeps, want 6", len(slow))
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
	if skipped.endless == 0 || skipped.halted == 0 {
		t.Errorf("the shortcuts skipped %d candidates and halted %d runs: this test checks one of them on nothing", skipped.endless, skipped.halted)
	}
	t.Logf("%d packages, %d candidates skipped, %d runs halted", len(pkgs), skipped.endless, skipped.halted)
}

// endlessKept holds loops that go round the same iteration forever and
// that Find reports all the same: the shortcuts must leave them alone.
const endlessKept = `package p

import (
	"context"
	"errors"
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

// It checks a stop channel before each attempt.
func checksStop(ctx context.Context, stop <-chan struct{}) error {
	for {
		select {
		case <-stop:
			return errors.New("stopped")
		default:
		}
		if err := op(ctx); err == nil {
			return nil
		}
	}
}

// Its give-up test passes the context.
func haltable(ctx context.Context) error {
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		if halts(ctx, err) {
			return err
		}
	}
}

func halts(ctx context.Context, err error) bool { return ctx.Err() != nil }

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

// corpus returns the fixtures and the packages of the standard library
// whose read and write loops go round on EINTR and EAGAIN, and whose
// time.Parse forks on every case of a long switch; loaded and
// type-checked once for the tests of the shortcuts.
func corpus(t *testing.T) []*packages.Package {
	t.Helper()
	if testing.Short() {
		t.Skip("loads and type-checks packages of the standard library")
	}
	corpusOnce.Do(func() {
		fixtures, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
		if err != nil {
			corpusErr = err
			return
		}
		gopath := &packages.Config{
			Mode: packages.LoadSyntax,
			Dir:  filepath.Join(fixtures, "src"),
			Env:  append(os.Environ(), "GOPATH="+fixtures, "GO111MODULE=off", "GOPROXY=off"),
		}
		var std []*packages.Package
		if corpusPkgs, corpusErr = load(gopath, "./..."); corpusErr == nil {
			std, corpusErr = load(&packages.Config{Mode: packages.LoadSyntax}, "internal/poll", "os", "net", "syscall", "bufio", "time", "regexp/syntax")
			corpusPkgs = append(corpusPkgs, std...)
		}
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusPkgs
}

var (
	corpusOnce sync.Once
	corpusPkgs []*packages.Package
	corpusErr  error
)

// load loads the packages of the patterns, which must have no errors.
func load(cfg *packages.Config, patterns ...string) ([]*packages.Package, error) {
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			return nil, fmt.Errorf("%s: %v", p.PkgPath, p.Errors[0])
		}
	}
	return pkgs, nil
}

// findIn runs Find over p.
func findIn(p *packages.Package, opts Options) []*Retry {
	return Find(passOf(p), inspector.New(p.Syntax), opts)
}

// passOf is a pass over p, with no facts from its imports.
func passOf(p *packages.Package) *analysis.Pass {
	return &analysis.Pass{
		Fset: p.Fset, Files: p.Syntax, Pkg: p.Types, TypesInfo: p.TypesInfo,
		ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact: func(types.Object, analysis.Fact) {},
	}
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

// TestHoldingCandidates checks that the declarations found to hold a
// candidate loop from the loops the type checker lists are those a walk of
// every declaration finds.
func TestHoldingCandidates(t *testing.T) {
	held := 0
	for _, p := range corpus(t) {
		m := &matcher{pass: passOf(p), info: p.TypesInfo, helpers: map[types.Object]*WaitHelper{}}
		m.findHelpers()
		got, want := m.holdingCandidates(), m.holdingCandidatesWalked()
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				if got[d] != want[d] {
					t.Errorf("%s: held %v, a walk says %v", p.Fset.Position(d.Pos()), got[d], want[d])
				}
				if want[d] {
					held++
				}
			}
		}
	}
	if held == 0 {
		t.Error("no declaration of the corpus holds a candidate loop")
	}
}
