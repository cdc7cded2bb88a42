package shape

import (
	"go/ast"
	"go/types"

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
	var decls []ast.Decl
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			found := m.isRetryFunc(d)
			ast.Inspect(d, func(n ast.Node) bool {
				switch n.(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					found = found || m.isCandidate(n)
				}
				return !found
			})
			if found {
				decls = append(decls, d)
			}
		}
	}
	return decls
}
