package shape_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"

	"github.com/retrylint/retrylint/internal/shape"
)

// TestFindingFields checks the fields the fixer reads, on the analyzer's
// fixtures: each line is what the matcher must record for the first finding
// of a package.
func TestFindingFields(t *testing.T) {
	want := map[string]string{
		"counted/constsleep":      "CountedLoop counter=i attempts=3+0=3 waits=[Sleep(time.Second)] Constant initial=1s",
		"counted/inclusive":       "CountedLoop counter=retry attempts=maxRetries+1=4 waits=[Sleep(2 * time.Second)] Constant initial=2s",
		"counted/rangebare":       "CountedLoop attempts=3+0=3 waits=[Sleep(500 * time.Millisecond)] Constant initial=500ms",
		"counted/countdown":       "CountedLoop counter=left attempts=retries+0 waits=[Sleep(50 * time.Millisecond)] Constant initial=50ms",
		"counted/selectctx":       "CountedLoop counter=attempt attempts=5+0=5 waits=[Select(100 * time.Millisecond << attempt) ctx=ctx ondone] Exponential initial=100ms factor=2",
		"counted/timer":           "CountedLoop counter=i attempts=4+0=4 waits=[Timer(300 * time.Millisecond) ctx=ctx ondone setup=1] Constant initial=300ms",
		"counted/guard":           "CountedLoop counter=i attempts=attempts+0=3 waits=[Sleep(10 * time.Millisecond) guard=i < attempts - 1] Constant initial=10ms",
		"counted/capif":           "CountedLoop counter=i attempts=7+0=7 waits=[Select(backoff) ctx=ctx ondone] Exponential initial=100ms factor=2 cap=2 * time.Second",
		"counted/jitter":          "CountedLoop counter=i attempts=3+0=3 waits=[Sleep(base + time.Duration(rand.Int63n(int64(base))))] Constant initial=1s jitter",
		"counted/helperlocal":     "CountedLoop counter=i attempts=5+0=5 waits=[Helper(400 * time.Millisecond) ctx=ctx] Constant initial=400ms",
		"counted/sleepvar":        "CountedLoop counter=i attempts=3+0=3 waits=[Helper(time.Second)] Constant initial=1s",
		"while/basic":             "WhileCounter counter=attempt decl steps=1 attempts=maxTries+0=4 waits=[Sleep(750 * time.Millisecond)] Constant initial=750ms",
		"while/forever":           "WhileCounter counter=attempts decl steps=1 check attempts=max+0 waits=[Sleep(100 * time.Millisecond)] Constant initial=100ms",
		"while/afterop":           "WhileCounter counter=retry decl steps=1 check attempts=limit+1 waits=[Sleep(2 * time.Second)] Constant initial=2s",
		"while/disjunct":          "WhileCounter counter=retries decl steps=1 check attempts=cfg.MaxRetries+1 waits=[Sleep(250 * time.Millisecond)] Constant initial=250ms",
		"budget/since":            "TimeBudget budget=[start limit=30 * time.Second] waits=[Sleep(500 * time.Millisecond)] Constant initial=500ms",
		"budget/inbody":           "TimeBudget budget=[start limit=limit check inclusive] waits=[Sleep(time.Second)] Constant initial=1s",
		"budget/deadline":         "TimeBudget budget=[deadline=deadline decl] waits=[Sleep(backoff)] Exponential initial=100ms factor=2",
		"wrapper/loop":            "RetryFunc loop=CountedLoop counter=i attempts=3+0=3 waits=[Sleep(time.Second << i)] Exponential initial=1s factor=2",
		"wrapper/unbounded":       "RetryFunc loop=Unbounded waits=[Select(5 * time.Second) ctx=ctx ondone] Constant initial=5s",
		"wrapper/recursive":       "RetryFunc recursion counter=attempts waits=[Sleep(delay)] Exponential initial=delay factor=2",
		"wrapper/recursivebranch": "RetryFunc recursion counter=attempts waits=[Sleep(pause)] Exponential initial=pause factor=2",
	}
	found := findAll(t, keys(want))
	for pkg, w := range want {
		fs := found[pkg]
		if len(fs) == 0 {
			t.Errorf("%s: no finding", pkg)
			continue
		}
		if got := describe(fs[0]); got != w {
			t.Errorf("%s:\n got %s\nwant %s", pkg, got, w)
		}
	}
}

// TestNoFindingInLookalikes checks, below the analyzer, that the matcher
// itself finds nothing in the lookalike fixtures.
func TestNoFindingInLookalikes(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join(testdata(t), "src", "silent"))
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, d := range dirs {
		pkgs = append(pkgs, "silent/"+d.Name())
	}
	for pkg, fs := range findAll(t, pkgs) {
		for _, f := range fs {
			t.Errorf("%s: unexpected %s", pkg, describe(f))
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// findAll loads the fixture packages as analysistest does (GOPATH mode) and
// returns the findings of each.
func findAll(t *testing.T, pkgs []string) map[string][]*shape.Finding {
	t.Helper()
	dir := testdata(t)
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(dir, "src"),
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOWORK=off", "GOFLAGS="),
	}
	loaded, err := packages.Load(cfg, pkgs...)
	if err != nil {
		t.Fatal(err)
	}
	a := &analysis.Analyzer{
		Name:       "shapetest",
		Doc:        "records the findings of shape.Find",
		Requires:   []*analysis.Analyzer{inspect.Analyzer},
		FactTypes:  []analysis.Fact{new(shape.WaitHelper)},
		ResultType: reflect.TypeFor[[]*shape.Finding](),
		Run: func(pass *analysis.Pass) (any, error) {
			insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			fs := shape.Find(pass, insp, shape.Options{
				FuncPattern:  regexp.MustCompile(`[wW]ith_?[rR]etr(y|ies)|^[rR]etry([A-Z_0-9]|$)`),
				RetryPackage: "github.com/retrylint/retrylint/retry",
			})
			return fs, nil
		},
	}
	for _, p := range loaded {
		for _, e := range p.Errors {
			t.Fatalf("%s: %v", p.PkgPath, e)
		}
	}
	g, err := checker.Analyze([]*analysis.Analyzer{a}, loaded, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]*shape.Finding{}
	for _, act := range g.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		out[act.Package.PkgPath] = act.Result.([]*shape.Finding)
	}
	return out
}

// describe prints the fields of f that the fixer relies on.
func describe(f *shape.Finding) string {
	var b strings.Builder
	b.WriteString(f.Kind.String())
	if f.Kind == shape.RetryFunc {
		if f.Loop != nil {
			fmt.Fprintf(&b, " loop=%s", f.LoopKind)
		} else if f.Recursion != nil {
			b.WriteString(" recursion")
		}
	}
	if f.Counter != nil {
		fmt.Fprintf(&b, " counter=%s", f.Counter.Name())
	}
	if f.CounterDecl != nil {
		b.WriteString(" decl")
	}
	if len(f.CounterSteps) > 0 {
		fmt.Fprintf(&b, " steps=%d", len(f.CounterSteps))
	}
	if f.CounterCheck != nil {
		b.WriteString(" check")
	}
	if a := f.Attempts; a.Limit != nil {
		fmt.Fprintf(&b, " attempts=%s%+d", types.ExprString(a.Limit), a.Offset)
		if a.IsConst {
			fmt.Fprintf(&b, "=%d", a.Const)
		}
	}
	if bud := f.Budget; bud != nil {
		b.WriteString(" budget=[")
		var parts []string
		if bud.Start != nil {
			parts = append(parts, bud.Start.Name())
		}
		if bud.Limit != nil {
			parts = append(parts, "limit="+types.ExprString(bud.Limit))
		}
		if bud.Deadline != nil {
			parts = append(parts, "deadline="+types.ExprString(bud.Deadline))
		}
		if bud.DeadlineDecl != nil {
			parts = append(parts, "decl")
		}
		if bud.Check != nil {
			parts = append(parts, "check")
		}
		if bud.Inclusive {
			parts = append(parts, "inclusive")
		}
		b.WriteString(strings.Join(parts, " ") + "]")
	}
	b.WriteString(" waits=[")
	for i, w := range f.Waits {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s(%s)", w.Kind, exprString(w.Delay))
		if w.Ctx != nil {
			fmt.Fprintf(&b, " ctx=%s", types.ExprString(w.Ctx))
		}
		if w.OnDone != nil {
			b.WriteString(" ondone")
		}
		if len(w.Setup) > 0 {
			fmt.Fprintf(&b, " setup=%d", len(w.Setup))
		}
		if w.Guard != nil {
			fmt.Fprintf(&b, " guard=%s", types.ExprString(w.Guard))
		}
	}
	b.WriteString("]")
	s := f.Schedule
	fmt.Fprintf(&b, " %s", s.Kind)
	switch {
	case s.Initial > 0:
		fmt.Fprintf(&b, " initial=%s", s.Initial)
	case s.InitialExpr != nil:
		fmt.Fprintf(&b, " initial=%s", types.ExprString(s.InitialExpr))
	}
	if s.Factor != 0 {
		fmt.Fprintf(&b, " factor=%g", s.Factor)
	}
	if s.Cap != nil {
		fmt.Fprintf(&b, " cap=%s", types.ExprString(s.Cap))
	}
	if s.Jitter {
		b.WriteString(" jitter")
	}
	return b.String()
}

func exprString(e ast.Expr) string {
	if e == nil {
		return ""
	}
	return types.ExprString(e)
}
