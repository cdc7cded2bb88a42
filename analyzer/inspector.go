package analyzer

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/internal/shape"
)

// candidateInspector returns the inspector shape.Find needs: one over the
// declarations where it may find a retry (shape.Decls), which finds what one
// over the whole package finds, at a fraction of the cost. The analyzer
// builds it instead of requiring the inspect pass, whose inspector covers
// every file: that one is shared by every analyzer of a driver that runs
// several, but retrylint often runs alone.
func candidateInspector(pass *analysis.Pass, opts shape.Options) *inspector.Inspector {
	var files []*ast.File
	for _, d := range shape.Decls(pass, opts) {
		// A file of its own for each declaration, starting where it
		// starts: the inspector sizes its tables by the extent of its
		// files.
		files = append(files, &ast.File{Package: d.Pos(), Name: ast.NewIdent("_"), Decls: []ast.Decl{d}})
	}
	return inspector.New(files)
}
