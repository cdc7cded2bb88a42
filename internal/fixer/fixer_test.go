package fixer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/analyzer"
	"github.com/retrylint/retrylint/internal/fixer"
	"github.com/retrylint/retrylint/internal/shape"
)

// testdata is the shared fixture tree of the module.
func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// fixKinds are the fixer's own fixtures, one per kind of rewrite, each x.go
// with its x.go.golden: every package of testdata/src/fix that has golden
// files, but fix/scopectx (run with -scopectx by TestScopeCtx).
var fixKinds = func() []string {
	matches, err := filepath.Glob(filepath.Join("..", "..", "testdata", "src", "fix", "*", "*.golden"))
	if err != nil {
		panic(err)
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range matches {
		pkg := "fix/" + filepath.Base(filepath.Dir(m))
		if !seen[pkg] && pkg != "fix/scopectx" {
			seen[pkg] = true
			out = append(out, pkg)
		}
	}
	return out
}()

// TestScopeCtx checks the rewrite with -scopectx: the context in scope goes
// to retry.Do, and when it ends the function returns the *InterruptedError.
func TestScopeCtx(t *testing.T) {
	a := analyzer.New(analyzer.Config{ScopeCtx: true})
	if *update {
		writeGoldensWith(t, a, []string{"fix/scopectx"})
	}
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), a, "fix/scopectx")
	checkRaw(t, results)
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) == 0 || !strings.Contains(d.SuggestedFixes[0].Message, "stops waiting when the context in scope ends") {
				t.Errorf("%s: the fix does not name the change: %v", res.Pass.Fset.Position(d.Pos), d.SuggestedFixes)
			}
		}
	}
}

// TestRefusals checks the reason given for each kind of loop the fixer
// leaves alone (testdata/src/fix/refuse, one file per reason).
func TestRefusals(t *testing.T) {
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "fix/refuse")
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: a fix is offered", res.Pass.Fset.Position(d.Pos))
			}
		}
	}
}

// fixAllAnalyzer reports every finding with the fixes FixAll computes for
// the package at once, the way a driver that applies all fixes of a file
// sees them.
var fixAllAnalyzer = &analysis.Analyzer{
	Name:     "fixall",
	Doc:      "reports every finding with its fix from fixer.FixAll",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		findings := shape.Find(pass, insp, shape.Options{RetryPackage: fixer.DefaultPackage})
		for i, r := range fixer.FixAll(pass, findings, fixer.Options{}) {
			d := analysis.Diagnostic{Pos: findings[i].Pos(), Message: "hand-rolled retry loop"}
			if r.Fix != nil {
				d.SuggestedFixes = []analysis.SuggestedFix{*r.Fix}
			}
			pass.Report(d)
		}
		return nil, nil
	},
}

// TestFixAllImports checks that the fixes of one file, computed together,
// remove an import that none of the fixed code uses any more.
func TestFixAllImports(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), fixAllAnalyzer, "fix/dropimport", "fix/pkgname")
	checkRaw(t, results)
}

// TestGolden applies the fixes of every fix kind and compares the result with
// the golden file.
func TestGolden(t *testing.T) {
	if *update {
		writeGoldens(t, fixKinds)
	}
	results := analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, fixKinds...)
	// RunWithSuggestedFixes compares only the files that got edits: check
	// that every report got its fix.
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				t.Errorf("%s: no fix: %s", res.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
	checkRaw(t, results)
}

// checkRaw applies the fixes as they are, without the formatting and the
// removal of unused imports that RunWithSuggestedFixes does before comparing,
// and compares the bytes with the golden files: the fixes must produce them
// exactly.
func checkRaw(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for name, got := range applyFirstFixes(t, results) {
		want, err := os.ReadFile(name + ".golden")
		if err != nil {
			t.Error(err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s: the fixes give, before any formatting:\n%s\nwhich differs from the golden file:\n%s", name, got, lineDiff(string(want), string(got)))
		}
	}
}

// applyFirstFixes applies the first fix of every diagnostic of results to its
// file, as they are, and returns the new content of each file that changed.
func applyFirstFixes(t *testing.T, results []*analysistest.Result) map[string][]byte {
	t.Helper()
	fixes := map[string][]analysis.SuggestedFix{}
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				name := res.Pass.Fset.Position(d.Pos).Filename
				fixes[name] = append(fixes[name], d.SuggestedFixes[0])
			}
		}
	}
	out := map[string][]byte{}
	for name, fs := range fixes {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tf := results[0].Pass.Fset.File(fs[0].TextEdits[0].Pos)
		fixed, err := applyAll(content, name, fs, func(p int) int { return p - tf.Base() })
		if err != nil {
			t.Error(err)
			continue
		}
		out[name] = fixed
	}
	return out
}

// writeGoldens writes x.go.golden for the files of pkgs that get fixes, from
// the fixer's output (for -update; review the diff before committing).
func writeGoldens(t *testing.T, pkgs []string) {
	t.Helper()
	writeGoldensWith(t, analyzer.Analyzer, pkgs)
}

func writeGoldensWith(t *testing.T, a *analysis.Analyzer, pkgs []string) {
	t.Helper()
	results := analysistest.Run(quiet{}, testdata(t), a, pkgs...)
	for name, fixed := range applyFirstFixes(t, results) {
		if err := os.WriteFile(name+".golden", fixed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
