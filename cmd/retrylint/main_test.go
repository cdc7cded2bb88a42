package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"retrylint": main})
}

// TestScripts runs the command end to end on the scripts in
// testdata/script, with the real analyzer. The driver's own behaviour
// (formats, fixes, errors) is tested with a test analyzer in
// internal/driver; these check the command as users run it.
func TestScripts(t *testing.T) {
	goEnv := make(map[string]string)
	names := []string{"GOCACHE", "GOMODCACHE", "GOROOT", "GOMOD"}
	out, err := exec.Command("go", append([]string{"env"}, names...)...).Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	for i, v := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		goEnv[names[i]] = v
	}
	root := filepath.Dir(goEnv["GOMOD"])
	delete(goEnv, "GOMOD")
	bin, err := exec.LookPath("retrylint")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for k, v := range goEnv {
				env.Setenv(k, v)
			}
			env.Setenv("GOPROXY", "off")
			env.Setenv("GOTOOLCHAIN", "local")
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOWORK", "off")
			// Scripts replace the retrylint module with this checkout,
			// so that fixed code importing the retry package builds.
			env.Setenv("RETRYLINT_ROOT", root)
			env.Setenv("RETRYLINT", bin)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits": exits,
		},
	})
}

// exits is the script command "exits N program args...": it runs the
// program like exec and checks that its exit code is N.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits code program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}
