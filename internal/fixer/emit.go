package fixer

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// emit writes the fix's edits: the call and its tail in place of the loop
// (and of the first attempt before it, and the code after it that the tail
// took in), and the deletion of what only served the loop.
func (x *renderer) emit(p *plan, call string, clo closurePlan, t tailPlan) error {
	r := x.r
	from := r.Loop.Outer().Pos()
	if fb := r.Loop.FirstBefore; fb != nil {
		if !x.onlyScaffoldBetween(fb, r.Loop.Outer()) {
			return noFix(shape.ReasonFirstApart)
		}
		from = fb.Pos()
	}
	to := r.Loop.Stmt.End()
	if t.through != nil {
		to = t.through.End()
	}
	first := call
	rest := t.stmts
	switch {
	case t.ret:
		first = "return " + call
	case len(t.lhs) > 0:
		tok := "="
		// _ = retry.Do(...) declares nothing but the values held for later
		if !allBlank(t.lhs) || len(clo.decls) > 0 {
			define, err := x.declaration(clo)
			if err != nil {
				scoped, ok := x.scopedCall(clo, t, call)
				if !ok {
					return err
				}
				first, rest = scoped[0], scoped[1:]
				break
			}
			if define && x.declaresNew(t.lhs, clo) {
				tok = ":="
			}
		}
		first = strings.Join(t.lhs, ", ") + " " + tok + " " + call
	}
	carried := x.carriedComments()
	lines := append(append(carried, clo.decls...), t.decls...)
	if w := r.Wait; w != nil && w.First != nil {
		lines = append(lines, x.firstWait(w))
	}
	lines = append(lines, first)
	// The loop's own line gives the indentation: a label stands outdented.
	text, err := formatStmts(strings.Join(append(lines, rest...), "\n"), x.indent(x.loopIndentPos()))
	if err != nil {
		return err
	}
	if c := x.headerComment(); c != "" {
		// At the end of the call's first line, after the comments carried
		// above it.
		skip := 0
		for _, l := range lines[:len(lines)-1] {
			skip += strings.Count(l, "\n") + 1
		}
		lines := strings.SplitAfter(text, "\n")
		if skip < len(lines) {
			l := strings.TrimSuffix(lines[skip], "\n")
			lines[skip] = l + " " + c + strings.TrimPrefix(lines[skip], l)
			text = strings.Join(lines, "")
		}
	}
	// From the start of the line: the first statement takes the indentation
	// of the ones after it (a label before the loop stood outdented).
	if x.lineStartsWith(from) {
		text = x.indent(x.loopIndentPos()) + text
		from = x.lineStart(from)
	}
	p.edits.replace(from, to, text)
	x.deleteScaffold(p, from, to)
	if w := r.Wait; w != nil && w.TimerName != nil {
		p.edits.replace(w.TimerName.Pos(), w.TimerName.End(), "_")
	}
	for _, path := range []string{"context", "time"} {
		if usesPackage(text, x.names.nameOf(path, x.opts.Package)) {
			p.needs[path] = true
		}
	}
	return nil
}

// firstWait writes the wait the loop made before its first attempt as a
// statement of its own before the call: as the loop wrote it, with the
// delay of that first wait in place of one that changes between attempts
// (time.Sleep(time.Duration(n+1) * d) becomes time.Sleep(d)).
func (x *renderer) firstWait(w *shape.Wait) string {
	text := x.text(w.Stmt.Pos(), w.Delay.Pos()) + x.durationText(*w.First) + x.text(w.Delay.End(), w.Stmt.End())
	if w.First.Expr == w.Delay {
		text = x.nodeText(w.Stmt)
	}
	return x.withLeading(w.Stmt, text)
}

// usesPackage reports whether code text refers to a package by name.
func usesPackage(text, name string) bool {
	return regexp.MustCompile(`(^|[^\w.])` + regexp.QuoteMeta(name) + `\.`).MatchString(text)
}

// onlyScaffoldBetween reports whether the statements between a and b (in
// the loop's block) are all scaffolding the fix deletes.
func (x *renderer) onlyScaffoldBetween(a, b ast.Stmt) bool {
	ok := true
	ast.Inspect(x.r.Func.Body, func(n ast.Node) bool {
		list := code.StmtList(n)
		for i, s := range list {
			if s != a {
				continue
			}
			for _, between := range list[i+1:] {
				if between == b {
					return false
				}
				if !x.isScaffold(between) {
					ok = false
				}
			}
		}
		return ok
	})
	return ok
}

func (x *renderer) isScaffold(n ast.Node) bool {
	for _, s := range x.r.Scaffold {
		if s == n {
			return true
		}
	}
	return false
}

// headerComment returns the comment at the end of the loop's first line
// (for i := 0; i < n; i++ { // try a few times), which the call keeps.
func (x *renderer) headerComment() string {
	l := x.r.Loop.Stmt
	var lbrace token.Pos
	switch l := l.(type) {
	case *ast.ForStmt:
		lbrace = l.Body.Lbrace
	case *ast.RangeStmt:
		lbrace = l.Body.Lbrace
	}
	line := x.tok.Line(lbrace)
	for _, cg := range x.file.Comments {
		if cg.Pos() > lbrace && x.tok.Line(cg.Pos()) == line && cg.End() < l.End() {
			return strings.TrimSpace(x.text(cg.Pos(), cg.End()))
		}
	}
	return ""
}

// deleteScaffold deletes what only served the loop: statements, and the
// specs of a var block (the block itself when all of them go).
func (x *renderer) deleteScaffold(p *plan, from, to token.Pos) {
	byDecl := map[*ast.GenDecl][]ast.Node{}
	for _, n := range x.r.Scaffold {
		if n.Pos() >= from && n.End() <= to {
			continue // inside the replaced text
		}
		if vs, ok := n.(*ast.ValueSpec); ok {
			if gd := x.genDeclOf(vs); gd != nil {
				byDecl[gd] = append(byDecl[gd], vs)
				continue
			}
		}
		p.edits.deleteStmt(x.source, n)
	}
	for gd, specs := range byDecl {
		if len(specs) == len(gd.Specs) {
			p.edits.deleteStmt(x.source, gd)
			continue
		}
		for _, s := range specs {
			p.edits.deleteStmt(x.source, s)
		}
	}
}

// genDeclOf returns the var declaration that holds a spec.
func (x *renderer) genDeclOf(vs *ast.ValueSpec) *ast.GenDecl {
	var found *ast.GenDecl
	ast.Inspect(x.r.Func.Body, func(n ast.Node) bool {
		if gd, ok := n.(*ast.GenDecl); ok {
			for _, s := range gd.Specs {
				if s == vs {
					found = gd
				}
			}
		}
		return found == nil
	})
	return found
}

// scaffoldDeclares reports whether the fix deletes the declaration of v.
func (x *renderer) scaffoldDeclares(v *types.Var) bool {
	for _, n := range x.r.Scaffold {
		if declaresVar(x.info, n, v) {
			return true
		}
	}
	if fb := x.r.Loop.FirstBefore; fb != nil && declaresVar(x.info, fb, v) {
		return true
	}
	return false
}

// carriedComments returns the comments of the loop that the rewrite would
// drop with the code they stand on (// the service restarts within a
// second, above the wait): they go above the call.
func (x *renderer) carriedComments() []string {
	r := x.r
	var kept []ast.Node
	add := func(ns ...ast.Node) {
		for _, n := range ns {
			if n != nil {
				kept = append(kept, n)
				if c := x.leading(n); c != nil {
					kept = append(kept, c)
				}
			}
		}
	}
	add(r.Op.Call)
	if w := r.Wait; w != nil && w.First != nil {
		add(w.Stmt) // written before the call, with its comment
	}
	for _, s := range r.Op.Pre {
		add(s)
	}
	for _, s := range r.Op.Post {
		add(s)
	}
	for _, s := range r.Side {
		add(s.Stmt)
	}
	for _, e := range []shape.Exit{r.Exits.Success, r.Exits.Exhausted} {
		for _, s := range e.Stmts {
			add(s)
		}
		if e.Return != nil {
			add(e.Return)
		}
	}
	if in := r.Exits.Interrupted; in != nil {
		for _, s := range in.Stmts {
			add(s)
		}
		if in.Return != nil {
			add(in.Return)
		}
	}
	for _, c := range r.Classes {
		// The test becomes an option: the comment above it, which says
		// why those errors end the tries, goes above the call.
		kept = append(kept, c.Cond)
		for _, s := range c.Exit.Stmts {
			add(s)
		}
		if c.Exit.Return != nil {
			add(c.Exit.Return)
		}
		for _, d := range c.Decls {
			add(d)
		}
	}
	if d := r.Schedule.Delay; d != nil {
		add(d.Expr)
		for _, s := range d.Defs {
			add(s)
		}
	}
	header := x.headerComment()
	var out []string
	for _, cg := range x.file.Comments {
		if !code.Within(cg, r.Loop.Body) || strings.TrimSpace(x.nodeText(cg)) == header {
			continue
		}
		inside := false
		for _, n := range kept {
			if code.Within(cg, n) || n == ast.Node(cg) {
				inside = true
			}
		}
		if !inside {
			out = append(out, x.nodeText(cg))
		}
	}
	return out
}

func allBlank(names []string) bool {
	for _, n := range names {
		if n != "_" {
			return false
		}
	}
	return true
}

// loopIndentPos is where the loop's indentation is read: its for keyword,
// or for a goto loop the statement after the label, since gofmt puts a
// label one level out.
func (x *renderer) loopIndentPos() token.Pos {
	if l := x.r.Loop; l.Goto && len(l.Body.List) > 0 {
		return l.Body.List[0].Pos()
	}
	return x.r.Loop.Stmt.Pos()
}

// declaresNew reports whether a name of lhs, the call's results as the
// tail names them, is one the fix declares: a result the loop body
// declared, and not blanked because nothing after the call reads it. With
// none (_, err := where err is the function's), := would not compile.
func (x *renderer) declaresNew(lhs []string, clo closurePlan) bool {
	for i, v := range x.callResults(clo) {
		if i < len(lhs) && lhs[i] != "_" && v != nil && !hasVarIn(clo.held, v) && (code.DeclaredIn(v, x.r.Loop.Body) || x.scaffoldDeclares(v)) {
			return true
		}
	}
	return false
}
