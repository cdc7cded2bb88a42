package driver

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/retrylint/retrylint/internal/scripttest"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"fakelint": func() { Main(newFake()) },
		"factlint": func() { Main(newFactFake(), FactsStemFrom("time")) },
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
	goEnv := scripttest.GoEnv(t)
	fakelint, err := exec.LookPath("fakelint")
	if err != nil {
		t.Fatal(err)
	}
	factlint, err := exec.LookPath("factlint")
	if err != nil {
		t.Fatal(err)
	}
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			scripttest.SetupOffline(env, goEnv)
			env.Setenv("FAKELINT", fakelint)
			env.Setenv("FACTLINT", factlint)
			env.Setenv("GOBIN", filepath.Join(env.WorkDir, ".bin"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sarifcheck": sarifCheck,
			"exits":      scripttest.Exits,
		},
	}
}
