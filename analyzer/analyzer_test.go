package analyzer_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// testdata is the fixture tree shared with the fixer's tests, at the root of
// the module.
var testdata = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}()

// Each fixture package is one scenario; its // want comments say what must be
// reported, and a package without them must stay silent.
var (
	positives = []string{
		"counted/constsleep", "counted/oneindexed", "counted/rangeint", "counted/rangebare",
		"counted/countdown", "counted/field", "counted/param", "counted/inclusive",
		"counted/afterchan", "counted/selectctx", "counted/timer", "counted/mathpow",
		"counted/doubled", "counted/capmin", "counted/capif", "counted/jitter",
		"counted/jitterv2", "counted/guard", "counted/sleepfirst", "counted/valueresult",
		"counted/continued", "counted/breakout", "counted/fatal", "counted/classified",
		"counted/logged", "counted/funclit", "counted/sleepvar", "counted/helperlocal",
		"counted/helperimported", "counted/nested", "counted/lockfile", "counted/firstonly", "counted/labeled", "counted/quadratic", "counted/mutual",
		"while/basic", "while/forever", "while/down", "while/incfirst", "while/doubledvar",
		"while/afterop", "while/disjunct",
		"budget/since", "budget/deadline", "budget/inbody", "budget/until", "budget/firsttry",
		"wrapper/loop", "wrapper/method", "wrapper/recursive", "wrapper/recursiveor", "wrapper/recursivebranch", "wrapper/unbounded",
		"wrapper/budget",
	}
	lookalikes = []string{
		"silent/pollbool", "silent/pollstatus", "silent/polltolerant", "silent/ticker",
		"silent/pagination", "silent/worker", "silent/supervisor", "silent/batches",
		"silent/failover", "silent/heartbeat", "silent/ratelimited", "silent/delegated",
		"silent/generated", "silent/localsleep", "silent/nowait", "silent/countdowndisplay",
		"silent/progress", "silent/acceptloop", "silent/reconnect", "silent/drain",
		"silent/nonblocking", "silent/asyncsleep", "silent/ratewait", "silent/latency",
		"silent/statpoll", "silent/expectfail", "silent/twostage", "silent/recursivewalk",
		"github.com/retrylint/retrylint/retry",
	}
)

// The packages are loaded together: one load per package would cost a second
// each. A failure names its file and line, so the scenario stays plain.

func TestPositives(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, positives...)
}

func TestLookalikes(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, lookalikes...)
}

// TestWaitHelperFacts checks the facts exported for helpers that only wait.
func TestWaitHelperFacts(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, "waitutil")
}

func TestSuppression(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Analyzer, "suppress/nolint", "suppress/ignore")
}

func TestFuncPattern(t *testing.T) {
	a := analyzer.New(analyzer.Config{FuncPattern: "^persist"})
	analysistest.Run(t, testdata, a, "wrapper/pattern")
}

func TestRetryPackage(t *testing.T) {
	a := analyzer.New(analyzer.Config{RetryPackage: "example.com/platform/backoffx"})
	analysistest.Run(t, testdata, a, "flags/ownpkg", "example.com/platform/backoffx")
}

// TestFlags checks that the flags reach the analyzer they belong to and no
// other: two analyzers never share settings.
func TestFlags(t *testing.T) {
	a := analyzer.New(analyzer.Config{})
	if err := a.Flags.Set("retrypkg", "example.com/platform/backoffx"); err != nil {
		t.Fatal(err)
	}
	if got := a.Flags.Lookup("funcpattern").Value.String(); got != analyzer.DefaultFuncPattern {
		t.Errorf("-funcpattern shows %q, want the default pattern", got)
	}
	if err := a.Flags.Set("funcpattern", "("); err == nil {
		t.Error("a bad -funcpattern was accepted")
	}
	analysistest.Run(t, testdata, a, "flags/ownpkg")
	if got := analyzer.Analyzer.Flags.Lookup("retrypkg").Value.String(); got != analyzer.DefaultRetryPackage {
		t.Errorf("the shared Analyzer's -retrypkg changed to %q", got)
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		if f.Usage == "" || strings.ToLower(f.Usage[:1]) != f.Usage[:1] || strings.Contains(f.Usage, "\n") {
			t.Errorf("flag -%s: usage %q is not one lowercase line", f.Name, f.Usage)
		}
	})
}

func TestConfigValidate(t *testing.T) {
	if err := (analyzer.Config{FuncPattern: "(["}).Validate(); err == nil {
		t.Error("Validate accepted a bad pattern")
	}
	if err := (analyzer.Config{}).Validate(); err != nil {
		t.Errorf("Validate rejected the defaults: %v", err)
	}
}
