package inventory

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/shape"
)

// Finding is how the analyzer reported a retry.
type Finding struct {
	// Pos is where the diagnostic is.
	Pos token.Pos
	// Kind is its category (counted-loop, ...).
	Kind string
	// Fixable reports whether it has a fix; NoFix is why not.
	Fixable bool
	NoFix   string
}

// Describe builds the row of a retry that the analyzer reported as f. Every
// fact comes from the model, in the words of shape's describing functions,
// which the diagnostic's message uses too.
func Describe(pass *analysis.Pass, r *shape.Retry, f Finding) Row {
	info := pass.TypesInfo
	posn := pass.Fset.Position(f.Pos)
	row := Row{File: posn.Filename, Line: posn.Line, Column: posn.Column, Facts: Facts{
		Package:  pass.Pkg.Path(),
		Function: funcText(pass, r.Func),
		Kind:     f.Kind,
		Policy: Policy{
			Bound:     r.BoundText(info),
			Schedule:  r.DelayText(info),
			Cap:       r.CapText(info),
			Jitter:    r.JitterText(),
			RetriesOn: r.RetriesOnText(info),
		},
		WatchesCtx: r.WatchesCtx(),
		Ctx:        r.CtxText(),
		Logs:       []string{},
		Metrics:    []string{},
		Fixable:    f.Fixable,
		NoFix:      f.NoFix,
	}}
	if a := r.Bound.Attempts; r.Bound.Kind == shape.ByCount && a.IsConst {
		row.Attempts = a.Const
	}
	for _, s := range r.Side {
		switch kind, name := s.Work(info); kind {
		case shape.LogWork:
			row.Logs = append(row.Logs, name)
		case shape.MetricWork:
			row.Metrics = append(row.Metrics, name)
		}
	}
	return row
}

// funcText names a function as a reader looks it up: "Fetch",
// "(*Client).Do", "Store.Get"; a function literal by the function around it,
// "literal in Serve".
func funcText(pass *analysis.Pass, fn shape.Func) string {
	switch n := fn.Node.(type) {
	case *ast.FuncDecl:
		return declName(n)
	case *ast.FuncLit:
		for _, f := range pass.Files {
			if f.Pos() > n.Pos() || n.End() > f.End() {
				continue
			}
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= n.Pos() && n.End() <= fd.End() {
					return "literal in " + declName(fd)
				}
			}
		}
	}
	return "literal"
}

// declName is a declared function's name, with its receiver's type.
func declName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	recv := types.ExprString(fd.Recv.List[0].Type)
	if strings.HasPrefix(recv, "*") {
		recv = "(" + recv + ")"
	}
	return recv + "." + fd.Name.Name
}
