package analyzer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/semver"

	"github.com/retrylint/retrylint/analyzer"
)

// TestRetryModuleVersion checks the version -fix requires: a valid semantic version, in the
// retry module (which holds the package the fixes import), and the one docs/versioning.md
// names.
func TestRetryModuleVersion(t *testing.T) {
	v := analyzer.RetryModuleVersion
	if !semver.IsValid(v) || semver.Canonical(v) != v || semver.Prerelease(v) != "" {
		t.Errorf("RetryModuleVersion %q is not a plain semantic version such as v0.1.0", v)
	}
	if semver.Major(v) != "v0" && semver.Major(v) != "v1" && !strings.HasSuffix(analyzer.RetryModule, "/"+semver.Major(v)) {
		t.Errorf("RetryModuleVersion %s needs the module path to end in /%s, not %s", v, semver.Major(v), analyzer.RetryModule)
	}
	if !strings.HasPrefix(analyzer.DefaultRetryPackage, analyzer.RetryModule) {
		t.Errorf("DefaultRetryPackage %s is not in RetryModule %s", analyzer.DefaultRetryPackage, analyzer.RetryModule)
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "versioning.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "require " + analyzer.RetryModule + " " + v + "\n"; !strings.Contains(string(doc), want) {
		t.Errorf("docs/versioning.md does not show %q: update it with the constant", want)
	}
	gomod, err := os.ReadFile(filepath.Join("..", "retry", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(gomod), "module "+analyzer.RetryModule+"\n") {
		t.Errorf("retry/go.mod does not declare %s:\n%s", analyzer.RetryModule, gomod)
	}
}
