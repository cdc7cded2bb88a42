package fixer_test

import (
	"path/filepath"
	"testing"

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
	"fix/metrics", "fix/while", "fix/forever",
}

// TestGolden applies the fixes of every fix kind and compares the result with
// the golden file.
func TestGolden(t *testing.T) {
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
