package shape

import (
	"go/ast"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
)

// Decls returns the top-level declarations of the package of pass in which
// Find may report a retry: those that hold a candidate loop (isCandidate),
// and the functions named for retrying (a retry by recursion). Find looks
// no further than the declaration around a loop, and reads the package's
// wait helpers from pass.Files; so given an inspector over these
// declarations alone, it reports what it reports given one over the whole
// package. That inspector is far smaller, and an inspector costs as much
// memory as the syntax it covers. Like Find, Decls exports the facts of the
// package's wait helpers.
func Decls(pass *analysis.Pass, opts Options) []ast.Decl {
	m := &matcher{pass: pass, info: pass.TypesInfo, opts: opts, helpers: map[types.Object]*WaitHelper{}}
	m.findHelpers()
	holds := m.holdingCandidates
	if len(m.info.Scopes) == 0 {
		holds = m.holdingCandidatesWalked
	}
	held := holds()
	var decls []ast.Decl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if held[d] || m.isRetryFunc(d) {
				decls = append(decls, d)
			}
		}
	}
	return decls
}

// holdingCandidates returns the declarations that hold a candidate loop,
// found from the loops themselves: the type checker gives every for and
// range statement of the package a scope of its own, so pass.TypesInfo
// lists them all (the analyzer runs only on packages that type-check), and
// a package's loops are far fewer than its nodes, which a walk of every
// declaration would visit (a third of the cost of the analysis on std).
func (m *matcher) holdingCandidates() map[ast.Decl]bool {
	var all []ast.Decl
	for _, f := range m.pass.Files {
		all = append(all, f.Decls...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Pos() < all[j].Pos() })
	held := map[ast.Decl]bool{}
	for n := range m.info.Scopes {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
		default:
			continue
		}
		// The last declaration that starts before the loop holds it.
		i := sort.Search(len(all), func(i int) bool { return all[i].Pos() > n.Pos() }) - 1
		if i < 0 || n.End() > all[i].End() || held[all[i]] {
			continue
		}
		if m.isCandidate(n) {
			held[all[i]] = true
		}
	}
	// A label may start a loop of gotos (see gotoLoop). Labels are few,
	// and Find reads the declaration around each.
	for id, obj := range m.info.Defs {
		if _, ok := obj.(*types.Label); !ok {
			continue
		}
		if i := sort.Search(len(all), func(i int) bool { return all[i].Pos() > id.Pos() }) - 1; i >= 0 && id.End() <= all[i].End() {
			held[all[i]] = true
		}
	}
	return held
}

// holdingCandidatesWalked is holdingCandidates for a driver that records
// no scopes: a walk of every declaration.
func (m *matcher) holdingCandidatesWalked() map[ast.Decl]bool {
	held := map[ast.Decl]bool{}
	for _, f := range m.pass.Files {
		for _, d := range f.Decls {
			ast.Inspect(d, func(n ast.Node) bool {
				switch n.(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					held[d] = held[d] || m.isCandidate(n)
				case *ast.LabeledStmt:
					held[d] = true // it may start a loop of gotos
				}
				return !held[d]
			})
		}
	}
	return held
}
