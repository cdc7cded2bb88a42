package driver

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/packages"
)

// Which packages the analyzer runs on.
//
// A go/analysis driver runs an analyzer with facts on every dependency,
// from source, the standard library included: for retrylint that costs
// several times what loading the packages named on the command line costs,
// and buys next to nothing, since the standard library and other modules
// hardly ever hold a function that only waits (docs/analyzer-cost.md).
// This driver type-checks every dependency from export data, as it does for
// an analyzer without facts, and runs the analyzer on
//
//   - the packages named on the command line (the roots), each after the
//     roots it imports, so that facts flow between them;
//   - before them, for their facts only, the packages of the roots' modules
//     outside the roots that may hold a fact the roots use: a root names one
//     of their functions or variables, and they import, directly or through
//     such packages, one of the packages the analyzer's facts stem from
//     (FactsStemFrom). They are loaded from source in a second, smaller
//     load, without tests.
//
// The standard library, other modules, and the other modules of a go.work
// are left out: on the corpus of docs/analyzer-cost.md they hold no fact
// that changes a finding, and analysing them all cost several times what
// loading costs.
// Facts are carried by a factStore, keyed by object path, so that they
// reach every copy of a package: a test variant, or the export data of a
// package analysed in the second load.

// modules is the set of paths of the modules that hold a root.
type modules map[string]bool

func rootModules(roots []*packages.Package) modules {
	mods := make(modules)
	for _, p := range roots {
		if p.Module != nil {
			mods[p.Module.Path] = true
		}
	}
	return mods
}

// holds reports whether p belongs to one of the modules.
func (mods modules) holds(p *packages.Package) bool {
	return p.Module != nil && mods[p.Module.Path]
}

// unit is the analysis of one package: it runs after the units of the
// roots the package imports.
type unit struct {
	pkg  *packages.Package
	deps []*unit
}

// analysisUnits returns the units of roots, in the order of roots. A test
// variant of a root that a root imports ("p [q.test]",
// type-checked for q's tests) stands for the package: the unit of the root p
// comes first, so that its facts are there when q's tests are analysed.
func analysisUnits(roots []*packages.Package) []*unit {
	units := make(map[*packages.Package]*unit, len(roots))
	plain := make(map[string]*packages.Package) // package path -> the root that is not a test variant
	for _, p := range roots {
		units[p] = &unit{pkg: p}
		if p.ID == p.PkgPath {
			plain[p.PkgPath] = p
		}
	}
	out := make([]*unit, len(roots))
	for i, p := range roots {
		u := units[p]
		for _, imp := range p.Imports {
			if units[imp] == nil {
				imp = plain[imp.PkgPath] // nil, or the root that imp is a variant of
			}
			if d := units[imp]; d != nil {
				u.deps = append(u.deps, d)
			}
		}
		out[i] = u
	}
	return out
}

// factSources returns the paths of the packages of the roots' modules,
// outside roots, whose facts the roots may need, sorted: those that may hold
// facts (they import one of stems, directly or through packages of those
// modules that do) and of which a root uses a function or a variable (a call
// names one), and the packages of those modules that may hold facts they
// import in turn, roots included (a helper may call a helper of a root). No
// stems means that any package may hold facts.
func factSources(roots []*packages.Package, stems []string) []string {
	mods := rootModules(roots)
	mayHold := make(map[*packages.Package]bool)
	packages.Visit(roots, nil, func(p *packages.Package) {
		// After its imports: their answers are known.
		mayHold[p] = len(stems) == 0 || slices.ContainsFunc(stems, func(s string) bool { return p.Imports[s] != nil })
		for _, imp := range p.Imports {
			mayHold[p] = mayHold[p] || mods.holds(imp) && mayHold[imp]
		}
	})
	rootPath := make(map[string]bool, len(roots))
	for _, p := range roots {
		rootPath[p.PkgPath] = true
	}
	used := make(map[string]bool)
	for _, p := range roots {
		if p.TypesInfo == nil {
			continue
		}
		for _, obj := range p.TypesInfo.Uses {
			switch obj.(type) {
			case *types.Func, *types.Var:
				if pkg := obj.Pkg(); pkg != nil && !rootPath[pkg.Path()] {
					used[pkg.Path()] = true
				}
			}
		}
	}
	sources := make(map[string]bool)
	var add func(p *packages.Package)
	add = func(p *packages.Package) {
		if sources[p.PkgPath] {
			return
		}
		sources[p.PkgPath] = true
		for _, imp := range p.Imports {
			if mods.holds(imp) && mayHold[imp] {
				add(imp)
			}
		}
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		if mods.holds(p) && mayHold[p] && !rootPath[p.PkgPath] && used[p.PkgPath] {
			add(p)
		}
	})
	paths := make([]string, 0, len(sources))
	for path := range sources {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	return paths
}
