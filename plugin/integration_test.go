package plugin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// gclVersion is the golangci-lint the plugin is tested in.
const gclVersion = "v2.15.0"

// modulePath is this module, which the custom golangci-lint replaces with
// the checkout under test.
const modulePath = "github.com/retrylint/retrylint"

// TestGolangciLint builds a custom golangci-lint with the plugin, the way
// "golangci-lint custom" does but offline from the module cache, and runs it
// on a fixture module: the findings appear, --fix applies the same fixes as
// retrylint -fix, --output.sarif.path writes SARIF, and the plugin's
// settings reach the analyzer (an unknown key fails the run).
//
// The binary is cached under the user cache directory, keyed by the sources
// it is built from, so only the first run on a machine pays for the build.
func TestGolangciLint(t *testing.T) {
	root := repoRoot(t)
	gcl := customGolangciLint(t, root)

	fixture := writeFixture(t, root, "")
	run := func(dir string, args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(gcl, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			code = ee.ExitCode()
		case err != nil:
			t.Fatalf("golangci-lint %v: %v", args, err)
		}
		return out.String(), errOut.String(), code
	}

	// What retrylint itself reports and fixes, to compare with.
	want := retrylintFindings(t, root, fixture)
	if len(want) != 2 {
		t.Fatalf("retrylint reports %d findings in the fixture, want 2 (a loop, a loop waiting through another package): %+v", len(want), want)
	}

	sarifPath := filepath.Join(t.TempDir(), "out.sarif")
	stdout, stderr, code := run(fixture, "run", "--output.text.path=stdout", "--output.sarif.path="+sarifPath, "./...")
	if code != 1 {
		t.Fatalf("golangci-lint run exited %d, want 1 (issues found)\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, f := range want {
		line := fmt.Sprintf("%s:%d:%d: %s (retrylint)", f.file, f.line, f.col, f.message)
		if !strings.Contains(stdout, line) {
			t.Errorf("golangci-lint output lacks %q\nstdout:\n%s", line, stdout)
		}
	}
	checkGolangciSARIF(t, sarifPath, want)

	// --fix applies the fixes retrylint offers; the files become what
	// retrylint -fix makes of them (retrylint also runs gofmt).
	fixedByRetrylint := retrylintFix(t, root, fixture)
	_, stderr, code = run(fixture, "run", "--fix", "./...")
	if code != 0 && code != 1 {
		t.Fatalf("golangci-lint run --fix exited %d\n%s", code, stderr)
	}
	fixable := 0
	for _, f := range want {
		if f.fixable {
			fixable++
		}
	}
	for name, wantSrc := range fixedByRetrylint {
		got, err := os.ReadFile(filepath.Join(fixture, name))
		if err != nil {
			t.Fatal(err)
		}
		if formatted, err := format.Source(got); err == nil {
			got = formatted
		}
		if string(got) != wantSrc {
			t.Errorf("after golangci-lint --fix, %s is\n%s\nwant (as retrylint -fix makes it)\n%s", name, got, wantSrc)
		}
	}
	if fixable == 0 {
		t.Logf("PENDING: the analyzer offers no fix for the fixture yet, so --fix is only checked to change nothing")
	} else if out, err := goCmd(fixture, "build", "./..."); err != nil {
		t.Errorf("the fixed fixture does not build: %v\n%s", err, out)
	}

	// Settings reach the analyzer: the retry package named in the
	// settings appears in the message.
	custom := writeFixture(t, root, "        retrypkg: example.com/platform/backoff\n")
	stdout, stderr, code = run(custom, "run", "--output.text.path=stdout", "./...")
	if code != 1 || !strings.Contains(stdout, "can be replaced by backoff.Do") {
		t.Errorf("with retrypkg set, golangci-lint exited %d and printed\n%s\n%s\nwant findings naming backoff.Do", code, stdout, stderr)
	}
	// An unknown setting fails the run and says which.
	typo := writeFixture(t, root, "        scope-ctx: true\n")
	stdout, stderr, code = run(typo, "run", "./...")
	if code == 0 || code == 1 || !strings.Contains(stdout+stderr, `unknown key "scope-ctx"`) {
		t.Errorf("with an unknown setting, golangci-lint exited %d and printed\n%s\n%s\nwant a failure naming the key", code, stdout, stderr)
	}
}

// finding is one diagnostic as retrylint -json reports it.
type finding struct {
	file      string // relative to the fixture
	line, col int
	message   string
	category  string
	fixable   bool
}

// retrylintBin is the retrylint command of this checkout, once built.
var retrylintBin string

// retrylintCmd builds the retrylint command of this checkout.
func retrylintCmd(t *testing.T, root string) string {
	t.Helper()
	if retrylintBin != "" {
		return retrylintBin
	}
	dir, err := os.MkdirTemp("", "retrylint-bin")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir); retrylintBin = "" })
	bin := filepath.Join(dir, "retrylint")
	if out, err := goCmd(root, "build", "-o", bin, "./cmd/retrylint"); err != nil {
		t.Fatalf("building retrylint: %v\n%s", err, out)
	}
	retrylintBin = bin
	return bin
}

func retrylintFindings(t *testing.T, root, fixture string) []finding {
	t.Helper()
	cmd := exec.Command(retrylintCmd(t, root), "-json", "./...")
	cmd.Dir = fixture
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 3) {
		t.Fatalf("retrylint -json: %v\n%s", err, out)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("retrylint -json: %v\n%s", err, out)
	}
	seen := make(map[string]bool)
	var fs []finding
	for _, byAnalyzer := range tree {
		var diags []struct {
			Posn           string
			Message        string
			Category       string
			SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
		}
		if err := json.Unmarshal(byAnalyzer["retrylint"], &diags); err != nil {
			t.Fatalf("retrylint -json: %v", err)
		}
		for _, d := range diags {
			if seen[d.Posn+d.Message] {
				continue
			}
			seen[d.Posn+d.Message] = true
			m := regexp.MustCompile(`^(.*):(\d+):(\d+)$`).FindStringSubmatch(d.Posn)
			if m == nil {
				t.Fatalf("bad position %q", d.Posn)
			}
			rel, _ := filepath.Rel(fixture, m[1])
			var f finding
			f.file, f.message, f.category, f.fixable = filepath.ToSlash(rel), d.Message, d.Category, len(d.SuggestedFixes) > 0
			fmt.Sscan(m[2], &f.line)
			fmt.Sscan(m[3], &f.col)
			fs = append(fs, f)
		}
	}
	return fs
}

// retrylintFix runs retrylint -fix on a copy of the fixture and returns the
// content of every Go file after it.
func retrylintFix(t *testing.T, root, fixture string) map[string]string {
	t.Helper()
	cp := t.TempDir()
	if err := os.CopyFS(cp, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(retrylintCmd(t, root), "-fix", "./...")
	cmd.Dir = cp
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("retrylint -fix: %v\n%s", err, out)
	}
	files := make(map[string]string)
	err := filepath.WalkDir(cp, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(cp, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkGolangciSARIF checks golangci-lint's SARIF: a 2.1.0 log whose results
// are the retrylint findings.
func checkGolangciSARIF(t *testing.T, path string, want []finding) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golangci-lint wrote no SARIF: %v", err)
	}
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID  string
				Message struct{ Text string }
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("SARIF version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	var got []string
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "retrylint" {
			got = append(got, r.Message.Text)
		}
	}
	for _, f := range want {
		if !slices.ContainsFunc(got, func(m string) bool { return strings.Contains(m, f.message) }) {
			t.Errorf("SARIF has no retrylint result %q; it has %q", f.message, got)
		}
	}
}

// fixtureSource has the loops of DESIGN.md's first shape: a counted loop
// with exponential backoff.
const fixtureSource = `package svc

import (
	"errors"
	"time"
)

var errBusy = errors.New("busy")

func fetch() error { return errBusy }

// Fetch tries fetch five times, doubling the wait.
func Fetch() error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = fetch()
		if err == nil {
			return nil
		}
		time.Sleep(time.Duration(1<<attempt) * time.Second)
	}
	return err
}
`

// storeSource waits through a helper of another package, which the
// analyzer knows waits by a fact: golangci-lint must carry facts across
// packages for this finding to appear.
const storeSource = `package svc

import "example.com/fixture/pause"

func store() error { return errBusy }

// Store tries store three times, a second apart.
func Store() error {
	var err error
	for i := 0; i < 3; i++ {
		if err = store(); err == nil {
			return nil
		}
		pause.For(pause.Step)
	}
	return err
}
`

const pauseSource = `// Package pause waits.
package pause

import "time"

// Step is the usual pause.
const Step = time.Second

// For waits for d.
func For(d time.Duration) { time.Sleep(d) }
`

// retryModule is the module of the retry package, in retry/ of this checkout.
const retryModule = modulePath + "/retry"

// writeFixture writes a module with the fixture source and a .golangci.yml
// enabling only retrylint, with settings (YAML lines at the settings
// indentation) under the plugin's settings. The module requires the retry
// module of this checkout, so that fixed code importing it builds
// (golangci-lint --fix, unlike retrylint -fix, does not edit go.mod).
func writeFixture(t *testing.T, root, settings string) string {
	t.Helper()
	dir := t.TempDir()
	if settings == "" {
		settings = "        {}\n"
	}
	files := map[string]string{
		"go.mod":         fmt.Sprintf("module example.com/fixture\n\ngo 1.26\n\nrequire %s v0.0.0-00010101000000-000000000000\n\nreplace %[1]s => %[2]s\n", retryModule, filepath.Join(root, "retry")),
		"svc/svc.go":     fixtureSource,
		"svc/store.go":   storeSource,
		"pause/pause.go": pauseSource,
		".golangci.yml": `version: "2"
linters:
  default: none
  enable:
    - retrylint
  settings:
    custom:
      retrylint:
        type: module
        description: finds hand-rolled retry loops
        settings:
` + indent(settings),
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files["go.sum"] = string(sum)
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func indent(s string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if l != "" {
			b.WriteString("  " + l)
		}
	}
	return b.String()
}

func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := goCmd(".", "env", "GOMOD")
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// goCmd runs the go command in dir, with the module cache as the only
// source of modules.
func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
	return cmd.CombinedOutput()
}

// customGolangciLint returns the custom golangci-lint with the plugin,
// building it unless the cache has it.
func customGolangciLint(t *testing.T, root string) string {
	t.Helper()
	key := buildKey(t, root)
	cacheDir, err := os.UserCacheDir()
	if err != nil {
		cacheDir = os.TempDir()
	}
	dir := filepath.Join(cacheDir, "retrylint-gcl", key)
	bin := filepath.Join(dir, "golangci-lint")
	if _, err := os.Stat(bin); err == nil {
		t.Logf("using the cached %s", bin)
		return bin
	}

	// Download golangci-lint's module source; without it (offline, no
	// cache) the test cannot run.
	dl := exec.Command("go", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+gclVersion)
	dl.Dir = t.TempDir()
	dl.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GO111MODULE=on")
	out, err := dl.Output()
	var mod struct{ Dir, Error string }
	if err == nil {
		err = json.Unmarshal(out, &mod)
	}
	if err == nil && mod.Error != "" {
		err = errors.New(mod.Error)
	}
	if err != nil || mod.Dir == "" {
		t.Skipf("SKIP: cannot download golangci-lint %s to build it with the plugin (offline?): %v %s", gclVersion, err, out)
	}

	start := time.Now()
	src := filepath.Join(t.TempDir(), "golangci-lint")
	if err := os.CopyFS(src, os.DirFS(mod.Dir)); err != nil {
		t.Fatalf("copying the golangci-lint source: %v", err)
	}
	plugins := "package main\n\n// Module plugins, as golangci-lint custom writes them.\nimport (\n\t_ \"" + modulePath + "/plugin\"\n)\n"
	if err := os.WriteFile(filepath.Join(src, "cmd", "golangci-lint", "plugins.go"), []byte(plugins), 0o644); err != nil {
		t.Fatal(err)
	}
	steps := [][]string{
		{"mod", "edit", "-replace", modulePath + "=" + root},
		{"mod", "edit", "-require", modulePath + "@v0.0.0-00010101000000-000000000000"},
		{"mod", "tidy"},
		{"build", "-ldflags", "-s -w -X 'main.version=" + strings.TrimPrefix(gclVersion, "v") + "-custom-retrylint'", "-o", filepath.Join(src, "golangci-lint.bin"), "./cmd/golangci-lint"},
	}
	for _, args := range steps {
		if out, err := goCmd(src, args...); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	t.Logf("built the custom golangci-lint in %s", time.Since(start).Round(time.Second))

	// Move it into the cache under a temporary name first, so that a
	// concurrent run never sees half a binary.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(src, "golangci-lint.bin"))
	if err != nil {
		t.Fatal(err)
	}
	tmp, err := os.CreateTemp(dir, "golangci-lint-*")
	if err != nil {
		t.Fatal(err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o755)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), bin)
	}
	if err != nil {
		os.Remove(tmp.Name())
		t.Fatalf("caching the binary: %v", err)
	}
	return bin
}

// buildKey hashes what the custom binary is built from: golangci-lint's
// version, the Go toolchain, this module's go.mod and go.sum, and every
// non-test Go file of this module that the plugin links.
func buildKey(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	fmt.Fprintf(h, "golangci-lint %s\n%s %s/%s\n", gclVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	out, err := goCmd(root, "list", "-deps", "-f", `{{if .Module}}{{if eq .Module.Path "`+modulePath+`"}}{{.Dir}}{{range .GoFiles}} {{.}}{{end}}{{end}}{{end}}`, "./plugin")
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	files := []string{filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum")}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		for _, name := range f[1:] {
			files = append(files, filepath.Join(f[0], name))
		}
	}
	slices.Sort(files)
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, name)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
