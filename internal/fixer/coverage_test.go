package fixer_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

var update = flag.Bool("update", false, "rewrite testdata/coverage.txt and the .golden files from the fixer's output")

// quiet is an analysistest.Testing that ignores the fixtures' // want
// comments: the analyzer's own tests check those; here only the fixes count.
type quiet struct{}

func (quiet) Errorf(f string, a ...any) { fmt.Printf("QUIET: "+f+"\n", a...) }

// outcome is what the fixer made of one diagnostic.
type outcome struct {
	pos    string // file:line, relative to testdata/src
	result string // "fixed: <fix message>" or "no fix: <reason>"
}

// fixtureOutcomes runs the analyzer over every fixture package of
// testdata/src and returns, per diagnostic, the fix or the reason for none,
// and the fixes themselves by file.
func fixtureOutcomes(t *testing.T) ([]outcome, map[string][]analysis.SuggestedFix, []*analysistest.Result) {
	t.Helper()
	src := filepath.Join(testdata(t), "src")
	results := analysistest.Run(quiet{}, testdata(t), analyzer.Analyzer, fixturePackages(t, src)...)
	var out []outcome
	fixes := map[string][]analysis.SuggestedFix{}
	seen := map[string]bool{}
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if d.Category == analyzer.CategoryDirective {
				continue
			}
			p := res.Pass.Fset.Position(d.Pos)
			rel, err := filepath.Rel(src, p.Filename)
			if err != nil {
				t.Fatal(err)
			}
			key := fmt.Sprintf("%s:%d", filepath.ToSlash(rel), p.Line)
			if seen[key] {
				continue // the same file in a test variant of its package
			}
			seen[key] = true
			o := outcome{pos: key}
			switch {
			case len(d.SuggestedFixes) > 0:
				o.result = "fixed: " + d.SuggestedFixes[0].Message
				fixes[p.Filename] = append(fixes[p.Filename], d.SuggestedFixes[0])
			default:
				_, reason, ok := strings.Cut(d.Message, "; no automatic fix: ")
				if !ok {
					reason = "(no fix and no reason)"
				}
				o.result = "no fix: " + reason
			}
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out, fixes, results
}

// fixturePackages lists the packages under src that hold Go files, except
// the stand-ins of other modules (paths with a dot in their first element).
func fixturePackages(t *testing.T, src string) []string {
	t.Helper()
	var pkgs []string
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() && rel != "." && strings.Contains(strings.Split(filepath.ToSlash(rel), "/")[0], ".") {
			return filepath.SkipDir
		}
		if d.IsDir() {
			if m, _ := filepath.Glob(filepath.Join(path, "*.go")); len(m) > 0 && rel != "." {
				pkgs = append(pkgs, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// TestCoverage checks, for every report on the fixture tree, that the fixer
// offers the fix or gives the reason recorded in testdata/coverage.txt, and
// that at least 80% of the reports come with a fix.
func TestCoverage(t *testing.T) {
	outcomes, _, _ := fixtureOutcomes(t)
	var b strings.Builder
	fixed, counted := 0, 0
	for _, o := range outcomes {
		fmt.Fprintf(&b, "%s: %s\n", o.pos, o.result)
		// The refusal fixtures exist to show the reasons; they do not
		// count in the coverage of the fixtures modelled on real code.
		if strings.HasPrefix(o.pos, "fix/refuse/") {
			continue
		}
		counted++
		if strings.HasPrefix(o.result, "fixed: ") {
			fixed++
		}
	}
	got := b.String()
	path := filepath.Join("testdata", "coverage.txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestCoverage -update and review the file)", err)
	}
	if got != string(want) {
		t.Errorf("the fixer's outcomes differ from %s (run with -update and review the diff):\n%s", path, lineDiff(string(want), got))
	}
	if counted == 0 {
		t.Fatal("the analyzer reported nothing on the fixtures")
	}
	pct := 100 * fixed / counted
	t.Logf("fix coverage: %d of %d reports on the positive fixtures get a fix (%d%%), besides %d refusal fixtures",
		fixed, counted, pct, len(outcomes)-counted)
	if pct < 80 {
		t.Errorf("fix coverage is %d%% (%d of %d), below 80%%", pct, fixed, counted)
	}
}

// lineDiff lists the lines only in want (-) or only in got (+).
func lineDiff(want, got string) string {
	w := map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	g := map[string]bool{}
	var b strings.Builder
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
		if !w[l] {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	return b.String()
}
