package analyzer_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// testdata is the fixture tree shared with the fixer's tests, at the root of
// the module.
var testdata = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}()

// Each fixture package is one scenario; its // want comments say what must be
// reported, and a package without them must stay silent. The lists are the
// directories of the tree: a new fixture needs no line here.
var (
	positives  = packagesUnder("counted", "while", "budget", "wrapper")
	lookalikes = append(packagesUnder("silent"), "github.com/retrylint/retrylint/retry")
)

// packagesUnder lists the fixture packages (directories with Go files)
// under the given directories of testdata/src, wrapper/pattern aside: it is
// checked with its own name pattern.
func packagesUnder(dirs ...string) []string {
	var out []string
	for _, d := range dirs {
		matches, err := filepath.Glob(filepath.Join(testdata, "src", d, "*", "*.go"))
		if err != nil {
			panic(err)
		}
		seen := map[string]bool{}
		for _, m := range matches {
			rel, _ := filepath.Rel(filepath.Join(testdata, "src"), filepath.Dir(m))
			rel = filepath.ToSlash(rel)
			if !seen[rel] && rel != "wrapper/pattern" {
				seen[rel] = true
				out = append(out, rel)
			}
		}
	}
	return out
}

// The packages are loaded together: one load per package would cost a second
// each. A failure names its file and line, so the scenario stays plain.

func TestPositives(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, positives...)
}

func TestLookalikes(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, lookalikes...)
}

// TestWaitHelperFacts checks the facts exported for helpers that only wait.
func TestWaitHelperFacts(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, "waitutil")
}

func TestSuppression(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, "suppress/nolint", "suppress/ignore")
}

func TestFuncPattern(t *testing.T) {
	a := analyzer.New(analyzer.Config{FuncPattern: "^persist"})
	analysistest.Run(t, testdata, a, "wrapper/pattern")
}

func TestRetryPackage(t *testing.T) {
	a := analyzer.New(analyzer.Config{RetryPackage: "example.com/platform/backoffx"})
	analysistest.Run(t, testdata, a, "flags/ownpkg", "example.com/platform/backoffx")
}

// TestFlags checks that the flags reach the analyzer they belong to and no
// other: two analyzers never share settings.
func TestFlags(t *testing.T) {
	a := analyzer.New(analyzer.Config{})
	if err := a.Flags.Set("retrypkg", "example.com/platform/backoffx"); err != nil {
		t.Fatal(err)
	}
	if got := a.Flags.Lookup("funcpattern").Value.String(); got != analyzer.DefaultFuncPattern {
		t.Errorf("-funcpattern shows %q, want the default pattern", got)
	}
	if err := a.Flags.Set("funcpattern", "("); err == nil {
		t.Error("a bad -funcpattern was accepted")
	}
	analysistest.Run(t, testdata, a, "flags/ownpkg")
	if got := analyzer.Analyzer.Flags.Lookup("retrypkg").Value.String(); got != analyzer.DefaultRetryPackage {
		t.Errorf("the shared Analyzer's -retrypkg changed to %q", got)
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		if f.Usage == "" || strings.ToLower(f.Usage[:1]) != f.Usage[:1] || strings.Contains(f.Usage, "\n") {
			t.Errorf("flag -%s: usage %q is not one lowercase line", f.Name, f.Usage)
		}
	})
}

func TestConfigValidate(t *testing.T) {
	if err := (analyzer.Config{FuncPattern: "(["}).Validate(); err == nil {
		t.Error("Validate accepted a bad pattern")
	}
	if err := (analyzer.Config{}).Validate(); err != nil {
		t.Errorf("Validate rejected the defaults: %v", err)
	}
}
