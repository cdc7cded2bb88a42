package main

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/retrylint/retrylint/internal/scripttest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"retrylint": main})
}

// TestScripts runs the command end to end on the scripts in
// testdata/script, with the real analyzer. The driver's own behaviour
// (formats, fixes, errors) is tested with a test analyzer in
// internal/driver; these check the command as users run it.
func TestScripts(t *testing.T) {
	goEnv := scripttest.GoEnv(t)
	root := filepath.Dir(goEnv["GOMOD"])
	bin, err := exec.LookPath("retrylint")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			scripttest.SetupOffline(env, goEnv)
			// Scripts replace the retrylint module with this checkout,
			// so that fixed code importing the retry package builds.
			env.Setenv("RETRYLINT_ROOT", root)
			env.Setenv("RETRYLINT", bin)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits": scripttest.Exits,
		},
	})
}
