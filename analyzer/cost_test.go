package analyzer_test

import (
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/retrylint/retrylint/analyzer"
)

// std is the standard library, loaded and type-checked once for the cost
// benchmark; loadTime is what that took, the baseline the analyzer's own
// time is compared with.
var (
	stdOnce  sync.Once
	std      []*packages.Package
	loadTime time.Duration
	stdErr   error
)

func loadStd(b *testing.B) []*packages.Package {
	stdOnce.Do(func() {
		start := time.Now()
		std, stdErr = packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, "std")
		loadTime = time.Since(start)
	})
	if stdErr != nil {
		b.Fatal(stdErr)
	}
	return std
}

// BenchmarkStd measures the analyzer's cost on the standard library: each
// iteration runs it (with the inspector it requires) over packages already
// loaded and type-checked, and the "load-ratio" metric divides that time by
// the time loading and type-checking took in the same process. The
// inspect-only run is the share of the inspector, which a driver running
// several analyzers builds once for all of them.
//
//	go test ./analyzer -run '^$' -bench BenchmarkStd -benchtime 5x
func BenchmarkStd(b *testing.B) {
	for _, tc := range []struct {
		name string
		a    *analysis.Analyzer
	}{
		{"retrylint", analyzer.Analyzer},
		{"inspect-only", inspect.Analyzer},
	} {
		b.Run(tc.name, func(b *testing.B) {
			pkgs := loadStd(b)
			var findings int
			for b.Loop() {
				g, err := checker.Analyze([]*analysis.Analyzer{tc.a}, pkgs, nil)
				if err != nil {
					b.Fatal(err)
				}
				findings = 0
				for act := range g.All() {
					if act.Err != nil {
						b.Fatalf("%s: %v", act, act.Err)
					}
					if act.IsRoot {
						findings += len(act.Diagnostics)
					}
				}
			}
			perRun := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(loadTime.Seconds(), "load-s")
			b.ReportMetric(float64(perRun)/float64(loadTime), "load-ratio")
			b.ReportMetric(float64(findings), "findings")
		})
	}
}
