package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// retryModule is the module of the retry package, in retry/.
const retryModule = "github.com/retrylint/retrylint/retry"

// TestRetryModuleStandsAlone builds a fresh module that imports only the retry package, as a
// migrated service does, and checks that its module graph holds that module and the retry
// module, nothing else, and that it builds from the standard library and the retry package
// alone. The retry module comes from this checkout through a replace directive: the module
// proxy, where a user gets it, is out of reach of a test.
func TestRetryModuleStandsAlone(t *testing.T) {
	root := repoRoot(t)
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/svc\n\ngo 1.26.0\n\nrequire " + retryModule + " v0.0.0\n\nreplace " + retryModule + " => " + filepath.Join(root, "retry") + "\n",
		"main.go": `package main

import (
	"context"
	"net/http"

	"github.com/retrylint/retrylint/retry"
)

func main() {
	_ = retry.Do(context.Background(), func(context.Context) error { return nil }, retry.Attempts(2))
	_ = &http.Client{Transport: &retry.Transport{}}
}
`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := goOffline(t, dir, "list", "-m", "all")
	want := []string{"example.com/svc", retryModule + " v0.0.0 => " + filepath.Join(root, "retry")}
	if got := strings.Split(strings.TrimSpace(out), "\n"); !slices.Equal(got, want) {
		t.Errorf("go list -m all in a module importing only the retry package:\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
	for _, line := range strings.Split(strings.TrimSpace(goOffline(t, dir, "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", ".")), "\n") {
		path, std, _ := strings.Cut(line, " ")
		if std != "true" && path != retryModule && path != "example.com/svc" {
			t.Errorf("the module builds %s, which is neither the standard library nor the retry package", path)
		}
	}
}

// TestRootModuleWithoutRetryModule checks that no package of the root module, tests
// included, imports the retry package: the analyzer and the fixer name its import path as a
// string only. go install github.com/retrylint/retrylint/cmd/retrylint@latest ignores
// go.work and replace directives, and the root module does not require the retry module, so
// an import would break it for every user.
func TestRootModuleWithoutRetryModule(t *testing.T) {
	root := repoRoot(t)
	out := goOffline(t, root, "list", "-deps", "-test", "-f", "{{.ImportPath}}", "./...")
	for _, path := range strings.Fields(out) {
		if path == retryModule || strings.HasPrefix(path, retryModule+"/") {
			t.Errorf("the root module builds %s; it must not import the retry module", path)
		}
	}
}

// TestWorkspaceKeepsRootVersions checks that go.work, which joins the modules of the
// repository, does not change the module versions the root module builds with, tests
// included: what the tests see is what go install ...@latest builds.
func TestWorkspaceKeepsRootVersions(t *testing.T) {
	root := repoRoot(t)
	list := func(gowork string) []string {
		cmd := exec.Command("go", "list", "-deps", "-test", "-f", "{{with .Module}}{{.Path}} {{.Version}}{{end}}", "./...")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOWORK="+gowork, "GOPROXY=off", "GOFLAGS=-mod=readonly")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list with GOWORK=%s: %v", gowork, err)
		}
		mods := strings.Split(strings.TrimSpace(string(out)), "\n")
		slices.Sort(mods)
		return slices.Compact(mods)
	}
	inWorkspace, alone := list(filepath.Join(root, "go.work")), list("off")
	if !slices.Equal(inWorkspace, alone) {
		t.Errorf("the root module builds with\n%s\nin the workspace, and with\n%s\nalone", strings.Join(inWorkspace, "\n"), strings.Join(alone, "\n"))
	}
}

// goOffline runs the go command in dir outside any workspace, with no network, and returns
// its standard output.
func goOffline(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return string(out)
}
