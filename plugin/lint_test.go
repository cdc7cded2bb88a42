package plugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// reviewLinters are the linters a reviewer of a fix is likely to run, each
// of which has flagged machine-written retries before: contextcheck (a
// closure that ignores its own ctx), errorlint (type assertions on errors),
// revive, staticcheck and gocritic (style, dead code, else after return).
var reviewLinters = []string{"contextcheck", "errorlint", "revive", "staticcheck", "gocritic"}

// TestFixesAddNoLintFindings runs the custom golangci-lint, with
// reviewLinters, on the fix fixtures as they are and as the goldens say the
// fixer rewrites them, and fails on every finding in the rewritten code
// that the original did not have: a fix must not give a reviewer's linters
// something new to say. Findings are compared by linter, file and text, as
// a fix moves lines.
func TestFixesAddNoLintFindings(t *testing.T) {
	root := repoRoot(t)
	gcl := customGolangciLint(t, root)
	src := filepath.Join(root, "testdata", "src")
	goldens, err := filepath.Glob(filepath.Join(src, "fix", "*", "*.go.golden"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no fix goldens under %s: %v", src, err)
	}
	orig := writeLintModule(t, root, src, goldens, false)
	fixed := writeLintModule(t, root, src, goldens, true)
	before := identityOnce(lintFindings(t, gcl, orig))
	after := identityOnce(lintFindings(t, gcl, fixed))
	if len(before) == 0 {
		// The fixtures are not written to please linters: finding nothing
		// at all means the linters did not run.
		t.Fatalf("the linters report nothing on the original fixtures; did they run?")
	}
	count := map[lintFinding]int{}
	for _, f := range before {
		count[f]++
	}
	var added []string
	for _, f := range after {
		if count[f] > 0 {
			count[f]--
			continue
		}
		added = append(added, fmt.Sprintf("%s: %s (%s)", f.file, f.text, f.linter))
	}
	sort.Strings(added)
	t.Logf("%d findings on the original fixtures, %d on the fixed ones, %d new", len(before), len(after), len(added))
	for _, a := range added {
		t.Errorf("new in the fixed code: %s", a)
	}
}

// identityComparison is errorlint's complaint, in any of its forms, that
// code compares errors by identity.
const identityComparison = "compares errors by identity (errorlint: ==, != or switch)"

// identityOnce counts errorlint's identity comparisons once per file. A fix
// keeps the code's tests of an error exact: it cannot turn err == ErrBusy
// into errors.Is, which would also retry the wrapped errors the loop gave
// up on; and the test of a switch case (switch err { case ErrBusy: })
// becomes err == ErrBusy in RetryIf, and again after the call. What
// errorlint says of the fixed file it said of the original: the code
// compares errors by identity.
func identityOnce(fs []lintFinding) []lintFinding {
	var out []lintFinding
	seen := map[lintFinding]bool{}
	for _, f := range fs {
		if f.linter == "errorlint" && (strings.HasPrefix(f.text, "comparing with ") || strings.HasPrefix(f.text, "switch on an error")) {
			f.text = identityComparison
			if seen[f] {
				continue
			}
			seen[f] = true
		}
		out = append(out, f)
	}
	return out
}

// lintFinding is one golangci-lint issue, without its line.
type lintFinding struct {
	linter, file, text string
}

// lintModules are the fixture packages outside fix/ that the fix fixtures
// import, by their import path in testdata/src.
var lintModules = []string{"waitutil", "example.com/nats.go"}

// writeLintModule writes a module "lintfix" holding the packages of the fix
// goldens, original or fixed, and the packages they import, with the retry
// module of this checkout, and a .golangci.yml enabling reviewLinters with
// nothing held back.
func writeLintModule(t *testing.T, root, src string, goldens []string, fixed bool) string {
	t.Helper()
	dir := t.TempDir()
	write := func(rel string, data []byte) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// GOPATH-style imports of testdata/src become the module's own.
	imports := func(data []byte) []byte {
		for _, p := range lintModules {
			data = bytes.ReplaceAll(data, []byte(`"`+p+`"`), []byte(`"lintfix/`+p+`"`))
		}
		return data
	}
	pkgs := map[string]bool{}
	for _, g := range goldens {
		pkgs[filepath.Dir(g)] = true
	}
	for pkg := range pkgs {
		files, _ := filepath.Glob(filepath.Join(pkg, "*.go"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if g, err := os.ReadFile(f + ".golden"); fixed && err == nil {
				data = g
			}
			rel, _ := filepath.Rel(src, f)
			write(rel, imports(data))
		}
	}
	for _, p := range lintModules {
		files, _ := filepath.Glob(filepath.Join(src, filepath.FromSlash(p), "*.go"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(src, f)
			write(rel, imports(data))
		}
	}
	write("go.mod", fmt.Appendf(nil, "module lintfix\n\ngo 1.26\n\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %[1]s => %[2]s\n", retryModule, filepath.Join(root, "retry")))
	write(".golangci.yml", []byte(`version: "2"
linters:
  default: none
  enable:
    - `+strings.Join(reviewLinters, "\n    - ")+`
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
`))
	return dir
}

// lintFindings runs golangci-lint on the module in dir and returns its
// findings. A run that fails (a fixed file that does not compile shows as a
// typecheck finding, which counts as new) is fatal only when it prints no
// report.
func lintFindings(t *testing.T, gcl, dir string) []lintFinding {
	t.Helper()
	cmd := exec.Command(gcl, "run", "--output.json.path=stdout", "--show-stats=false", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		t.Fatalf("golangci-lint in %s: %v\n%s\n%s", dir, err, out.String(), errOut.String())
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct{ Filename string }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("golangci-lint in %s: reading its report: %v\n%s\n%s", dir, err, out.String(), errOut.String())
	}
	var fs []lintFinding
	for _, i := range report.Issues {
		fs = append(fs, lintFinding{linter: i.FromLinter, file: filepath.ToSlash(i.Pos.Filename), text: i.Text})
	}
	return fs
}
