package driver

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestAnalysisUnits checks the order of the analysis of the roots when q's
// tests import p, which imports q: the go command type-checks p again for
// q's tests ("p [q.test]"), and that copy is not a root, but the root p
// stands for it.
func TestAnalysisUnits(t *testing.T) {
	main := &packages.Module{Path: "m", Main: true}
	other := &packages.Module{Path: "dep"}
	pkg := func(id, path string, mod *packages.Module, imports ...*packages.Package) *packages.Package {
		p := &packages.Package{ID: id, PkgPath: path, Module: mod, Imports: map[string]*packages.Package{}}
		for _, imp := range imports {
			p.Imports[imp.PkgPath] = imp
		}
		return p
	}
	dep := pkg("dep", "dep", other)
	q := pkg("m/q", "m/q", main, dep)
	qTest := pkg("m/q [m/q.test]", "m/q", main, dep)
	p := pkg("m/p", "m/p", main, q)
	pForQ := pkg("m/p [m/q.test]", "m/p", main, qTest)
	qxTest := pkg("m/q_test [m/q.test]", "m/q_test", main, qTest, pForQ)
	roots := []*packages.Package{p, q, qTest, qxTest}

	units := analysisUnits(roots)
	deps := func(u *unit) []string {
		var ids []string
		for _, d := range u.deps {
			ids = append(ids, d.pkg.ID)
		}
		slices.Sort(ids)
		return ids
	}
	want := map[string][]string{
		"m/p":                 {"m/q"},
		"m/q":                 nil,
		"m/q [m/q.test]":      nil,
		"m/q_test [m/q.test]": {"m/p", "m/q [m/q.test]"},
	}
	for i, u := range units {
		if u.pkg != roots[i] {
			t.Errorf("unit %d is of %s, want %s", i, u.pkg.ID, roots[i].ID)
		}
		if got := deps(u); !slices.Equal(got, want[u.pkg.ID]) {
			t.Errorf("%s runs after %q, want %q", u.pkg.ID, got, want[u.pkg.ID])
		}
	}
}
