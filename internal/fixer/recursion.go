package fixer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/retrylint/retrylint/internal/shape"
)

// recursion builds the fix of a function that retries by calling itself:
// its body becomes one call of the retry package over the operation, with
// the count parameter as the bound and the delay parameter as the first
// delay. The signature stays, so callers still pass the count and the
// delay; each call of the function is then one whole retry, as the first
// call of the recursion was. The matcher offers only recursions whose
// levels all make the same attempt and return its error (see
// shape.exactRecursion).
func (x *renderer) recursion() (*plan, error) {
	r := x.r
	body := r.Func.Body
	if len(body.List) == 0 {
		return nil, noFix(shape.ReasonRecursion)
	}
	cx := x.context()
	clo, err := x.closure(cx)
	if err != nil {
		return nil, err
	}
	options, err := x.options(cx, tailPlan{})
	if err != nil {
		return nil, err
	}
	call := fmt.Sprintf("%s.%s(%s, %s, %s)", x.names.retry, clo.fn, cx.arg, clo.text, strings.Join(options, ", "))
	from, to := body.List[0].Pos(), body.List[len(body.List)-1].End()
	// The comments of the body say what the attempt does: they stay,
	// above the call.
	var lines []string
	for _, cg := range x.file.Comments {
		if cg.Pos() >= from && cg.End() <= to && !x.within(cg, r.Classes) {
			lines = append(lines, x.nodeText(cg))
		}
	}
	if len(r.Classes) == 0 {
		lines = append(lines, "return "+call)
	} else {
		// The errors given up on return what the function returned for
		// them: the tests again, after the call, in their order.
		tok := " := "
		if x.isNamedResult(r.Op.Err) {
			tok = " = "
		}
		lines = append(lines, r.Op.Err.Name()+tok+call)
		for _, c := range r.Classes {
			lines = append(lines, x.stmtText(c.Test.(ast.Stmt)))
		}
		lines = append(lines, "return "+r.Op.Err.Name())
	}
	indent := x.indent(from)
	text, err := formatStmts(strings.Join(lines, "\n"), indent)
	if err != nil {
		return nil, err
	}
	if x.lineStartsWith(from) {
		text = indent + text
		from = x.lineStart(from)
	}
	p := &plan{needs: map[string]bool{x.opts.Package: true}}
	p.edits.replace(from, to, text)
	for _, path := range []string{"context", "time"} {
		if usesPackage(text, x.names.nameOf(path, x.opts.Package)) {
			p.needs[path] = true
		}
	}
	changes := append([]shape.Change(nil), r.Changes...)
	changes = append(changes, cx.changes...)
	p.title = strings.Replace(title(x.names.retry+"."+clo.fn, changes), "Replace loop with", "Replace recursion with", 1)
	return p, nil
}

// repeated is the code that repeats the operation: the loop, or the body of
// a function that calls itself.
func (x *renderer) repeated() ast.Node {
	if x.r.Loop != nil {
		return x.r.Loop.Stmt
	}
	return x.r.Func.Body
}

// within reports whether a comment is inside the test of one of classes,
// which the fix keeps as it is.
func (x *renderer) within(cg *ast.CommentGroup, classes []shape.Class) bool {
	for _, c := range classes {
		if cg.Pos() >= c.Test.Pos() && cg.End() <= c.Test.End() {
			return true
		}
	}
	return false
}

// isNamedResult reports whether v is a named result of the function.
func (x *renderer) isNamedResult(v *types.Var) bool {
	res := x.r.Func.Sig.Results()
	for i := 0; i < res.Len(); i++ {
		if res.At(i) == v {
			return true
		}
	}
	return false
}
