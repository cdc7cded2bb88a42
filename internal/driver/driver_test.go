package driver

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"fakelint": func() { Main(newFake()) },
		// The standard driver, to compare -json output with.
		"fakelint-std": func() { singlechecker.Main(newFake()) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams(t, "testdata/script"))
}

// scriptParams gives scripts what the go command needs to work offline:
// the caches of the machine and no network.
func scriptParams(t *testing.T, dir string) testscript.Params {
	goEnv := make(map[string]string)
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	for i, v := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		goEnv[[]string{"GOCACHE", "GOMODCACHE", "GOROOT"}[i]] = v
	}
	fakelint, err := exec.LookPath("fakelint")
	if err != nil {
		t.Fatal(err)
	}
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for k, v := range goEnv {
				env.Setenv(k, v)
			}
			env.Setenv("GOPROXY", "off")
			env.Setenv("GOTOOLCHAIN", "local")
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOWORK", "off")
			env.Setenv("FAKELINT", fakelint)
			env.Setenv("GOBIN", filepath.Join(env.WorkDir, ".bin"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sarifcheck": sarifCheck,
			"exits":      exits,
		},
	}
}

// exits is the script command "exits N program args...": it runs the
// program like exec and checks that its exit code is N, since exec alone
// tells zero from non-zero only.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits code program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}
