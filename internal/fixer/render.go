package fixer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// plan is one fix: its edits, the packages its code needs imported, and its
// title.
type plan struct {
	edits edits
	needs map[string]bool
	title string
}

// renderer holds what the stages of one fix read: the retry, its file and
// the names the fixed code uses for packages. Stages return their parts;
// none of them changes the renderer.
type renderer struct {
	*source
	pass  *analysis.Pass
	info  *types.Info
	r     *shape.Retry
	opts  Options
	file  *ast.File
	names *importNames
}

// render builds the fix of one retry.
func render(pass *analysis.Pass, r *shape.Retry, opts Options, file *ast.File, src *source, n *importNames) (*plan, error) {
	if r.NoFix != shape.NoReason {
		return nil, noFix(r.NoFix)
	}
	x := &renderer{source: src, pass: pass, info: pass.TypesInfo, r: r, opts: opts, file: file, names: n}
	if r.Loop == nil {
		return x.recursion()
	}
	var vo *valueOnly
	if r.Op.ValueOnly {
		m, v, err := x.valueOnlyModel()
		if err != nil {
			return nil, err
		}
		x.r, vo = m, v
	}
	cx := x.context()
	var clo closurePlan
	var err error
	if vo != nil {
		clo, err = x.valueOnlyClosure(cx, vo)
	} else {
		clo, err = x.closure(cx)
	}
	if err != nil {
		return nil, err
	}
	t, err := x.tail(cx, clo)
	if err != nil {
		return nil, err
	}
	if vo != nil {
		t = x.valueOnlyTail(t, vo)
	}
	sp, err := x.stop()
	if err != nil {
		return nil, err
	}
	t = x.withStop(t, sp, clo)
	options, err := x.options(cx, t)
	if err != nil {
		return nil, err
	}
	call := fmt.Sprintf("%s.%s(%s, %s, %s)", n.retry, clo.fn, cx.arg, clo.text, strings.Join(options, ", "))
	p := &plan{needs: map[string]bool{opts.Package: true}}
	if vo != nil {
		p.needs["errors"] = true
	}
	if err := x.emit(p, call, clo, t); err != nil {
		return nil, err
	}
	p.title = title(n.retry+"."+clo.fn, x.changes(cx))
	return p, nil
}

// changes lists the deliberate changes this fix makes.
func (x *renderer) changes(cx ctxPlan) []shape.Change {
	out := append([]shape.Change(nil), x.r.Changes...)
	if x.r.Bound.Kind == shape.ByCount && x.r.Bound.Attempts.MayBeZero {
		out = append(out, shape.ChangeMinOne)
	}
	out = append(out, cx.changes...)
	return out
}

// title is the fix's message: what it does, then the deliberate changes it
// makes, if any.
func title(call string, changes []shape.Change) string {
	msg := "Replace loop with " + call
	var parts []string
	seen := map[shape.Change]bool{}
	for _, c := range changes {
		if !seen[c] {
			seen[c] = true
			parts = append(parts, string(c))
		}
	}
	if len(parts) > 0 {
		msg += " (" + strings.Join(parts, "; ") + ")"
	}
	return msg
}

// ctxPlan is the context the call of the retry package gets.
type ctxPlan struct {
	// arg is what the call gets: ctx, or context.Background().
	arg string
	// v is the variable, when arg is one.
	v *types.Var
	// watches reports that the waits stop when the context ends, as the
	// loop's did; deaf that they must not, as the loop's did not.
	watches, deaf bool
	changes       []shape.Change
}

// context decides the context of the call: the one the loop's wait
// watched; else the one in scope, with the waits kept deaf to it (or not,
// with -scopectx); else context.Background().
func (x *renderer) context() ctxPlan {
	r := x.r
	switch {
	case r.Wait != nil && r.Wait.Ctx != nil:
		return ctxPlan{arg: r.Wait.Ctx.Name(), v: r.Wait.Ctx, watches: true, changes: []shape.Change{shape.ChangeDeadline}}
	case r.Exits.Ctx != nil:
		// no wait, but the loop tests the context between attempts: so does
		// the call, and gives up as the loop did once the deadline passed
		return ctxPlan{arg: r.Exits.Ctx.Name(), v: r.Exits.Ctx, watches: true, changes: []shape.Change{shape.ChangeDeadline}}
	case r.Func.Ctx != nil && x.opts.ScopeCtx:
		return ctxPlan{arg: r.Func.Ctx.Name(), v: r.Func.Ctx, watches: true, changes: []shape.Change{shape.ChangeScopeCtx}}
	case r.Func.Ctx != nil:
		return ctxPlan{arg: r.Func.Ctx.Name(), v: r.Func.Ctx, deaf: true}
	}
	return ctxPlan{arg: x.names.context + ".Background()"}
}

// qualifier writes the package of a type as the file names it; ok is false
// when the file does not import it.
func (x *renderer) qualifier() (types.Qualifier, *bool) {
	ok := true
	q := func(p *types.Package) string {
		if p == x.pass.Pkg {
			return ""
		}
		for path, name := range x.names.imported {
			if path == p.Path() {
				return name
			}
		}
		ok = false
		return p.Name()
	}
	return q, &ok
}

// typeText writes t as the file would, or fails when it names a package the
// file does not import.
func (x *renderer) typeText(t types.Type) (string, error) {
	q, ok := x.qualifier()
	s := types.TypeString(t, q)
	if !*ok {
		return "", noFix(shape.ReasonTypeUnwritable)
	}
	return s, nil
}

// stmtText returns the source text of a statement with the comment lines
// right above it.
func (x *renderer) stmtText(s ast.Stmt) string {
	if c := x.leading(s); c != nil {
		return x.text(c.Pos(), s.End())
	}
	return x.nodeText(s)
}

// leading returns the comment group on the lines right above s, if any.
func (x *renderer) leading(s ast.Node) *ast.CommentGroup {
	for _, cg := range x.file.Comments {
		if cg.End() < s.Pos() && x.tok.Line(cg.End()) == x.tok.Line(s.Pos())-1 && x.lineStartsWith(cg.Pos()) {
			return cg
		}
	}
	return nil
}

// withLeading returns text, a rendering of s, after the comment lines right
// above s.
func (x *renderer) withLeading(s ast.Node, text string) string {
	if c := x.leading(s); c != nil {
		return x.nodeText(c) + "\n" + text
	}
	return text
}

// lineStartsWith reports whether pos is the first thing on its line.
func (x *renderer) lineStartsWith(pos token.Pos) bool {
	return strings.TrimSpace(x.text(x.lineStart(pos), pos)) == ""
}

// subst returns the source text of n with some identifiers replaced: by
// variable, the text that stands for it.
func (x *renderer) subst(n ast.Node, repl map[*types.Var]string) string {
	return x.rewrite(n, repl, nil)
}

// usesAny reports whether any of the nodes mentions v.
func (x *renderer) usesAny(v *types.Var, nodes ...ast.Node) bool {
	for _, n := range nodes {
		if n != nil && code.Uses(x.info, n, v) {
			return true
		}
	}
	return false
}
