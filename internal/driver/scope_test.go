package driver

import (
	"go/ast"
	"go/token"
	"go/types"
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

// TestFactSources checks which packages outside the roots are analysed for
// their facts: those of the roots' modules that the roots use and that may
// hold a fact (they import the stem, here time, directly or through such a
// package), with the packages of those modules they import.
func TestFactSources(t *testing.T) {
	m := &packages.Module{Path: "m", Main: true}
	w := &packages.Module{Path: "w", Main: true} // another module of the go.work
	dep := &packages.Module{Path: "dep"}
	pkg := func(path string, mod *packages.Module, imports ...*packages.Package) *packages.Package {
		p := &packages.Package{ID: path, PkgPath: path, Module: mod, Types: types.NewPackage(path, "p"), Imports: map[string]*packages.Package{}}
		for _, imp := range imports {
			p.Imports[imp.PkgPath] = imp
		}
		return p
	}
	tm := pkg("time", nil)
	helper := pkg("m/helper", m, tm)          // used, waits: analysed
	chain := pkg("m/chain", m, helper)        // used, waits through helper: analysed
	util := pkg("m/util", m)                  // used, cannot wait: left out
	unused := pkg("m/unused", m, tm)          // waits, not used: left out
	sibling := pkg("w/sibling", w, tm)        // another module of the go.work: left out
	other := pkg("dep/other", dep, tm)        // another module: left out
	inner := pkg("m/inner", m, tm)            // imported by helper2, which is used: analysed
	helper2 := pkg("m/helper2", m, inner, tm) // used
	root := pkg("m/root", m, helper, chain, util, unused, sibling, other, helper2, tm)
	root.TypesInfo = &types.Info{Uses: map[*ast.Ident]types.Object{}}
	for _, p := range []*packages.Package{helper, chain, util, sibling, other, helper2} {
		root.TypesInfo.Uses[ast.NewIdent("F")] = types.NewFunc(token.NoPos, p.Types, "F", types.NewSignatureType(nil, nil, nil, nil, nil, false))
	}

	got := factSources([]*packages.Package{root}, []string{"time"})
	want := []string{"m/chain", "m/helper", "m/helper2", "m/inner"}
	if !slices.Equal(got, want) {
		t.Errorf("factSources = %q, want %q", got, want)
	}
}
