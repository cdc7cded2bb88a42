// Package e2e runs retrylint end to end on the examples module, as a
// newcomer would: report, diff, fix, then build and test the result.
package e2e

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite examples/migrated from the result of -fix")

// services are the example packages that hold a hand-rolled retry, each to be
// reported and fixed; readiness is the lookalike that must stay as it is.
var services = []string{"chat", "conversation", "database", "gitsvc", "indexing"}

// TestExamplesMigrate copies the examples module, checks that its services
// pass their tests, applies retrylint -fix, and checks that the result
// builds, vets, passes the same tests, is reported clean on a second run, and
// matches examples/migrated.
func TestExamplesMigrate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests the examples module")
	}
	root := repoRoot(t)
	bin := buildRetrylint(t, root)
	work := copyExamples(t, root)
	if out, code := run(t, work, "go", "test", "-count=1", "./..."); code != 0 {
		t.Fatalf("the examples' own tests fail before any fix (exit %d):\n%s", code, out)
	}

	out, code := run(t, work, bin, "-diff", "./...")
	if code != 0 {
		t.Fatalf("retrylint -diff exited %d:\n%s", code, out)
	}
	for _, svc := range services {
		if !strings.Contains(out, "--- a/"+svc+"/") {
			t.Errorf("retrylint -diff shows no change of %s:\n%s", svc, out)
		}
	}
	if strings.Contains(out, "readiness/") {
		t.Errorf("retrylint -diff changes the readiness poll, a lookalike:\n%s", out)
	}

	if out, code := run(t, work, bin, "-fix", "./..."); code != 0 {
		t.Fatalf("retrylint -fix exited %d:\n%s", code, out)
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		if out, code := run(t, work, "go", args...); code != 0 {
			t.Errorf("go %s on the fixed module exited %d:\n%s", strings.Join(args, " "), code, out)
		}
	}
	if out, code := run(t, work, bin, "./..."); code != 0 {
		t.Errorf("retrylint on the fixed module exited %d, want 0 (nothing left):\n%s", code, out)
	}
	if out, code := run(t, work, bin, "-diff", "-fail-on-change", "./..."); code != 0 {
		t.Errorf("a second -fix would change the fixed module (exit %d):\n%s", code, out)
	}

	compareMigrated(t, root, work)
}

// compareMigrated checks that examples/migrated holds exactly the files that
// -fix changed, as -fix left them, or rewrites it so with -update. Files
// that -fix leaves alone (the tests, the readiness poll) are not copied there.
func compareMigrated(t *testing.T, root, work string) {
	src := filepath.Join(root, "examples")
	migrated := filepath.Join(src, "migrated")
	changed := map[string][]byte{} // path relative to the module -> fixed content
	for _, svc := range append(services, "readiness") {
		files, err := filepath.Glob(filepath.Join(work, svc, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			rel, _ := filepath.Rel(work, file)
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := os.ReadFile(filepath.Join(src, rel))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, orig) {
				changed[rel] = got
			}
		}
	}
	for _, svc := range services {
		if !anyIn(changed, svc) {
			t.Errorf("retrylint -fix changed no file of %s", svc)
		}
	}
	if anyIn(changed, "readiness") {
		t.Errorf("retrylint -fix changed the readiness poll, a lookalike")
	}

	if *update {
		if err := os.RemoveAll(migrated); err != nil {
			t.Fatal(err)
		}
		for rel, data := range changed {
			dst := filepath.Join(migrated, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	err := filepath.WalkDir(migrated, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(migrated, path)
		if _, ok := changed[rel]; !ok {
			t.Errorf("examples/migrated/%s is not a file that retrylint -fix changes; run go test ./e2e -update", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel, got := range changed {
		want, err := os.ReadFile(filepath.Join(migrated, rel))
		if err != nil {
			t.Errorf("%v (run go test ./e2e -update to write examples/migrated)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("retrylint -fix of examples/%s differs from examples/migrated/%[1]s; run go test ./e2e -update and review the diff", rel)
		}
	}
}

// anyIn reports whether a path of m lies in directory dir.
func anyIn(m map[string][]byte, dir string) bool {
	for rel := range m {
		if filepath.Dir(rel) == dir {
			return true
		}
	}
	return false
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// buildRetrylint builds the command from this checkout.
func buildRetrylint(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "retrylint")
	if out, code := run(t, root, "go", "build", "-o", bin, "./cmd/retrylint"); code != 0 {
		t.Fatalf("building retrylint: %s", out)
	}
	return bin
}

// copyExamples copies the examples module, without its migrated copy, to a
// temporary directory and points its replace directives back at this
// checkout: the command's module and the retry module.
func copyExamples(t *testing.T, root string) string {
	t.Helper()
	src := filepath.Join(root, "examples")
	work := filepath.Join(t.TempDir(), "examples")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			if rel == "migrated" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(work, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(work, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if out, code := run(t, work, "go", "mod", "edit", "-replace", "github.com/retrylint/retrylint="+root,
		"-replace", "github.com/retrylint/retrylint/retry="+filepath.Join(root, "retry")); code != 0 {
		t.Fatalf("go mod edit: %s", out)
	}
	return work
}

// run runs name with args in dir and returns its combined output and exit code.
func run(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			return string(out), exit.ExitCode()
		}
		t.Fatalf("running %s: %v", name, err)
	}
	return string(out), 0
}
