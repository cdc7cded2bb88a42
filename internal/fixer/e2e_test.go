package fixer_test

import (
	"bytes"

	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEndToEnd runs the command as a user would on a copy of a module with
// hand-rolled retries and tests of their behaviour: retrylint -fix, then go
// build, go vet and the module's own tests must pass; a second -fix must
// change nothing and find nothing.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a module")
	}
	goTool := goCommand(t)
	root := moduleRoot(t)
	bin := filepath.Join(t.TempDir(), "retrylint")
	build := exec.Command(goTool, "build", "-o", bin, "./cmd/retrylint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building retrylint: %v\n%s", err, out)
	}
	// examples/ gets the same treatment in e2e/examples_test.go.
	for _, mod := range []struct {
		name, dir string
		files     int // files -fix changes
	}{
		{"testdata/e2e", filepath.Join("testdata", "e2e"), 1},
	} {
		t.Run(mod.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(mod.dir)); err != nil {
				t.Fatal(err)
			}
			pinReplace(t, filepath.Join(dir, "go.mod"), root)
			copyFile(t, filepath.Join(root, "go.sum"), filepath.Join(dir, "go.sum"))
			run := func(name string, args ...string) string {
				t.Helper()
				cmd := exec.Command(name, args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
				}
				return string(out)
			}
			run(goTool, "test", "./...") // the module's tests pass before
			before := snapshot(t, dir)

			out := run(bin, "-fix", "./...")
			after := snapshot(t, dir)
			if changed := diffFiles(before, after); changed != mod.files {
				t.Errorf("-fix changed %d files, want %d:\n%s", changed, mod.files, out)
			}
			if m := regexp.MustCompile(`(\d+) findings: (\d+) fixed`).FindStringSubmatch(out); m == nil || m[1] != m[2] {
				t.Errorf("not every finding was fixed:\n%s", out)
			}
			// The module did not require the retry module; -fix added it.
			if gomod, err := os.ReadFile(filepath.Join(dir, "go.mod")); err != nil || !regexp.MustCompile(`(?m)^require github.com/retrylint/retrylint/retry v`).Match(gomod) {
				t.Errorf("-fix did not require the retry module (%v):\n%s", err, gomod)
			}

			run(goTool, "build", "./...")
			run(goTool, "vet", "./...")
			run(goTool, "test", "./...")

			again := run(bin, "-fix", "./...")
			if changed := diffFiles(after, snapshot(t, dir)); changed != 0 {
				t.Errorf("a second -fix changed %d files:\n%s", changed, again)
			}
			if !strings.Contains(again, "no findings") {
				t.Errorf("the fixed code still has findings:\n%s", again)
			}
		})
	}
}

// pinReplace points the module's replace directive for the retry module at
// the retry module of the retrylint checkout.
func pinReplace(t *testing.T, gomod, root string) {
	t.Helper()
	data, err := os.ReadFile(gomod)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^replace github.com/retrylint/retrylint/retry => .*$`)
	if !re.Match(data) {
		t.Fatalf("%s has no replace directive for the retry module", gomod)
	}
	data = re.ReplaceAll(data, []byte("replace github.com/retrylint/retrylint/retry => "+filepath.Join(root, "retry")))
	if err := os.WriteFile(gomod, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns the Go files under dir by path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffFiles counts the files that differ between two snapshots.
func diffFiles(a, b map[string][]byte) int {
	n := 0
	for path, data := range b {
		if !bytes.Equal(a[path], data) {
			n++
		}
	}
	for path := range a {
		if _, ok := b[path]; !ok {
			n++
		}
	}
	return n
}
