// Package scripttest holds what the command's testscript tests share: an
// offline go environment for scripts, and the "exits" script command.
package scripttest

import (
	"errors"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// GoEnv returns the go command's settings that scripts need to build
// offline from this machine's caches: GOCACHE, GOMODCACHE, GOROOT, and GOMOD
// (the go.mod of the module the test runs in).
func GoEnv(t *testing.T) map[string]string {
	t.Helper()
	names := []string{"GOCACHE", "GOMODCACHE", "GOROOT", "GOMOD"}
	out, err := exec.Command("go", append([]string{"env"}, names...)...).Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	env := make(map[string]string)
	for i, v := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		env[names[i]] = v
	}
	return env
}

// SetupOffline sets in a script's environment the caches of goEnv and turns
// the network, toolchain switches, workspaces and go.mod checks off, so that
// scripts build their small modules from what the machine already has.
func SetupOffline(env *testscript.Env, goEnv map[string]string) {
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOROOT"} {
		env.Setenv(k, goEnv[k])
	}
	env.Setenv("GOPROXY", "off")
	env.Setenv("GOTOOLCHAIN", "local")
	env.Setenv("GOFLAGS", "-mod=mod")
	env.Setenv("GOWORK", "off")
}

// Exits is the script command "exits N program args...": it runs the
// program like exec and checks that its exit code is N, since exec alone
// tells zero from non-zero only.
func Exits(ts *testscript.TestScript, neg bool, args []string) {
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
