package fixer_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// testdata is the shared fixture tree of the module.
func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// fixKinds are the fixer's own fixtures, one per kind of rewrite; each x.go
// has its x.go.golden.
var fixKinds = []string{
	"fix/returnerr", "fix/breakerr", "fix/value", "fix/fatal", "fix/ctxselect",
	"fix/metrics", "fix/while", "fix/forever", "fix/budget", "fix/deadline",
	"fix/timer", "fix/jitter", "fix/capped", "fix/sleepfirst", "fix/breakerror",
	"fix/unbounded", "fix/named", "fix/continued", "fix/countdown", "fix/rangeint",
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
}

// writeGoldens writes x.go.golden for the files of pkgs that get fixes, from
// the fixer's output (for -update; review the diff before committing).
func writeGoldens(t *testing.T, pkgs []string) {
	t.Helper()
	results := analysistest.Run(quiet{}, testdata(t), analyzer.Analyzer, pkgs...)
	fixes := map[string][]analysis.SuggestedFix{}
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				name := res.Pass.Fset.Position(d.Pos).Filename
				fixes[name] = append(fixes[name], d.SuggestedFixes[0])
			}
		}
	}
	for name, fs := range fixes {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tf := results[0].Pass.Fset.File(fs[0].TextEdits[0].Pos)
		fixed, err := applyAll(content, name, fs, func(p int) int { return p - tf.Base() })
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name+".golden", fixed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
