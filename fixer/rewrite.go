package fixer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/retrylint/retrylint/internal/shape"
)

// rewrite holds what is known about one loop while its fix is built.
type rewrite struct {
	*source
	pass *analysis.Pass
	info *types.Info
	f    *shape.Finding
	opts Options
	file *ast.File

	fnBody  *ast.BlockStmt
	results *types.Tuple // the enclosing function's results

	stmt  ast.Stmt // the loop, or the labelled statement holding it
	loop  ast.Stmt // *ast.ForStmt or *ast.RangeStmt
	label types.Object
	body  *ast.BlockStmt
	after []ast.Stmt // the statements after the loop in its block

	wait        shape.Wait
	waitStmt    ast.Stmt // the statement removed: the wait, or the if that guards it
	waitAtStart bool     // the wait opens the body and skips the first attempt

	track   *tracker
	deleted map[ast.Stmt]bool // statements that only served the wait
	// deleteBefore are statements before the loop that only served its
	// bound (start := time.Now()).
	deleteBefore []ast.Stmt
	movable      map[ast.Stmt]bool // statements allowed between the wait and the next attempt

	counter counterPlan
	// tupleNames are the variables that receive the results of return f().
	tupleNames map[*ast.ReturnStmt][]string
	changes    []string // deliberate changes, named in the fix message
}

// noFix returns the reason a finding gets no fix.
func noFix(reason string) error { return &NoFix{Reason: reason} }

func newRewrite(pass *analysis.Pass, f *shape.Finding, opts Options) (*rewrite, error) {
	if f.Loop == nil {
		return nil, noFix("the function retries by calling itself")
	}
	r := &rewrite{pass: pass, info: pass.TypesInfo, f: f, opts: opts, loop: f.Loop,
		deleted: map[ast.Stmt]bool{}, movable: map[ast.Stmt]bool{}, tupleNames: map[*ast.ReturnStmt][]string{}}
	if r.opts.Package == "" {
		r.opts.Package = DefaultPackage
	}
	for _, file := range pass.Files {
		if file.FileStart <= f.Loop.Pos() && f.Loop.End() <= file.FileEnd {
			r.file = file
		}
	}
	if r.file == nil {
		return nil, noFix("the loop is not in a Go file of the package")
	}
	tok := pass.Fset.File(r.file.FileStart)
	src, err := pass.ReadFile(tok.Name())
	if err != nil || len(src) != tok.Size() {
		return nil, noFix("the source file cannot be read")
	}
	r.source = &source{fset: pass.Fset, tok: tok, src: src}

	switch fn := f.Func.(type) {
	case *ast.FuncDecl:
		r.fnBody = fn.Body
		r.results = r.info.Defs[fn.Name].Type().(*types.Signature).Results()
	case *ast.FuncLit:
		r.fnBody = fn.Body
		r.results = r.info.TypeOf(fn).(*types.Signature).Results()
	default:
		return nil, noFix("the loop is not inside a function")
	}
	switch l := f.Loop.(type) {
	case *ast.ForStmt:
		r.body = l.Body
	case *ast.RangeStmt:
		r.body = l.Body
	}
	r.stmt = r.loop
	path, _ := astutil.PathEnclosingInterval(r.file, r.loop.Pos(), r.loop.End())
	for i, n := range path {
		if n != r.loop {
			continue
		}
		parent := path[i+1]
		if ls, ok := parent.(*ast.LabeledStmt); ok {
			r.stmt = ls
			r.label = r.info.Defs[ls.Label]
			parent = path[i+2]
		}
		list := stmtList(parent)
		for j, s := range list {
			if s == r.stmt {
				r.after = list[j+1:]
			}
		}
		break
	}
	r.track = newTracker(r.info, r.fnBody)
	return r, nil
}

// stmtList returns the statements of a node that holds a list of them.
func stmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// labelDecl returns the statement a label object labels, if it is in the
// function.
func (r *rewrite) labelDecl(obj types.Object) ast.Node {
	var found ast.Node
	ast.Inspect(r.fnBody, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok && r.info.Defs[ls.Label] == obj {
			found = ls
		}
		return found == nil
	})
	return found
}

// check refuses the loops whose body a closure cannot hold as it is.
func (r *rewrite) check() error {
	var reason string
	ast.Inspect(r.body, func(n ast.Node) bool {
		if reason != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if b, ok := r.info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
					reason = "the loop calls recover"
				}
			}
		case *ast.BranchStmt:
			if n.Tok == token.GOTO {
				reason = "the loop uses goto"
			}
		}
		return true
	})
	if reason != "" {
		return noFix(reason)
	}
	// A goto elsewhere in the function may jump into or over the loop.
	ast.Inspect(r.fnBody, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			reason = "the function uses goto"
		}
		return reason == ""
	})
	if reason != "" {
		return noFix(reason)
	}
	if r.label != nil {
		// The label must have no use besides the loop's own break and
		// continue statements.
		for id, obj := range r.info.Uses {
			if obj == r.label && !within(id, r.body) {
				return noFix("the loop's label is used outside it")
			}
		}
	}
	return nil
}

// isLocal reports whether obj is declared inside the loop body.
func (r *rewrite) isLocal(obj types.Object) bool {
	return obj != nil && obj.Pos() >= r.body.Lbrace && obj.Pos() < r.body.Rbrace
}

// inLoop reports whether obj is declared in the loop, its header included.
func (r *rewrite) inLoop(obj types.Object) bool {
	return obj != nil && obj.Pos() >= r.loop.Pos() && obj.Pos() < r.loop.End()
}
