package driver

import (
	"runtime"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// runUnits runs a on the package of every unit, each after its deps, as
// many at a time as there are processors. Each package gets a
// checker.Analyze of its own, for a and what a requires, without its
// imports (facts come from a factStore), and only the outcome of its
// actions is kept: the checker keeps the passes it made, with what the
// analyzers a requires built (an inspector is as large as the package's
// syntax), where one Analyze over all packages keeps every package's until
// the end. The graph returned holds the actions of a, one per unit, in
// order.
func runUnits(a *analysis.Analyzer, units []*unit) (*checker.Graph, error) {
	if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
		return nil, err
	}
	acts := make([]*checker.Action, len(units))
	done := make(map[*unit]chan struct{}, len(units))
	for _, u := range units {
		done[u] = make(chan struct{})
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, u := range units {
		wg.Go(func() {
			defer close(done[u])
			for _, d := range u.deps {
				<-done[d]
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			p := new(packages.Package)
			*p = *u.pkg
			p.Imports = nil // or checker would run a on them too
			g, err := checker.Analyze([]*analysis.Analyzer{a}, []*packages.Package{p}, nil)
			if err != nil {
				panic(err) // it fails only on an invalid analyzer, checked above
			}
			acts[i] = outcome(g.Roots[0])
		})
	}
	wg.Wait()
	return &checker.Graph{Roots: acts}, nil
}

// outcome returns what act and the actions it depends on found, without
// the passes that the checker keeps in them.
func outcome(act *checker.Action) *checker.Action {
	o := &checker.Action{
		Analyzer:    act.Analyzer,
		Package:     act.Package,
		IsRoot:      act.IsRoot,
		Result:      act.Result,
		Err:         act.Err,
		Diagnostics: act.Diagnostics,
		Duration:    act.Duration,
	}
	for _, d := range act.Deps {
		o.Deps = append(o.Deps, outcome(d))
	}
	return o
}
