package analyzer_test

import (
	"go/types"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
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
// iteration runs it through checker.Analyze over packages already loaded
// and type-checked, and the "load-ratio" metric divides that time by the
// time loading and type-checking took in the same process. The noop run is
// what checker.Analyze costs by itself.
//
//	go test ./analyzer -run '^$' -bench BenchmarkStd -benchtime 5x
func BenchmarkStd(b *testing.B) {
	noop := &analysis.Analyzer{Name: "noop", Doc: "noop does nothing", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	for _, tc := range []struct {
		name string
		a    *analysis.Analyzer
	}{
		{"retrylint", analyzer.Analyzer},
		{"noop", noop},
	} {
		b.Run(tc.name, func(b *testing.B) {
			pkgs := loadStd(b)
			b.ReportAllocs() // B/op is half of what the cost is judged on
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

// BenchmarkStdOwn measures the analyzer's own work on the standard library:
// each iteration runs retrylint alone over every package, dependencies
// first, carrying facts in a map as a driver does. "load-ratio" is that time
// over the time loading and type-checking took.
//
//	go test ./analyzer -run '^$' -bench BenchmarkStdOwn -benchtime 10x
func BenchmarkStdOwn(b *testing.B) {
	pkgs := loadStd(b)
	var order []*packages.Package
	packages.Visit(pkgs, nil, func(p *packages.Package) { order = append(order, p) })
	a := analyzer.New(analyzer.Config{})
	b.ReportAllocs()
	type factKey struct {
		obj types.Object
		t   reflect.Type
	}
	var findings int
	for b.Loop() {
		facts := map[factKey]analysis.Fact{}
		findings = 0
		for _, p := range order {
			pass := &analysis.Pass{
				Analyzer:   a,
				Fset:       p.Fset,
				Files:      p.Syntax,
				Pkg:        p.Types,
				TypesInfo:  p.TypesInfo,
				TypesSizes: p.TypesSizes,
				ResultOf:   map[*analysis.Analyzer]any{},
				Report:     func(analysis.Diagnostic) { findings++ },
				ReadFile:   os.ReadFile,
				ImportObjectFact: func(obj types.Object, f analysis.Fact) bool {
					got, ok := facts[factKey{obj, reflect.TypeOf(f)}]
					if ok {
						reflect.ValueOf(f).Elem().Set(reflect.ValueOf(got).Elem())
					}
					return ok
				},
				ExportObjectFact: func(obj types.Object, f analysis.Fact) {
					facts[factKey{obj, reflect.TypeOf(f)}] = f
				},
				ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
				ExportPackageFact: func(analysis.Fact) {},
				AllObjectFacts:    func() []analysis.ObjectFact { return nil },
				AllPackageFacts:   func() []analysis.PackageFact { return nil },
			}
			if _, err := a.Run(pass); err != nil {
				b.Fatalf("%s: %v", p.PkgPath, err)
			}
		}
	}
	perRun := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(loadTime.Seconds(), "load-s")
	b.ReportMetric(float64(perRun)/float64(loadTime), "load-ratio")
	b.ReportMetric(float64(len(order)), "packages")
	b.ReportMetric(float64(findings), "findings")
}
