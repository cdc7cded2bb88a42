package fixer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/shape"
)

// build checks the loop, plans its rewrite and writes the edits of the loop
// (the imports are the file's business: see FixAll). It returns the fix's
// message.
func (r *rewrite) build(names *importNames, e *edits) (string, error) {
	if err := r.check(); err != nil {
		return "", err
	}
	switch r.loopKind() {
	case shape.CountedLoop, shape.WhileCounter, shape.Unbounded, shape.TimeBudget:
	default:
		return "", noFix("the loop's shape is not understood")
	}
	if r.f.Err == nil {
		return "", noFix("the operation's error is not understood")
	}
	// The plan may ask for package time; it says so only if it succeeds.
	needTime := names.needTime
	defer func() {
		if e.list == nil {
			names.needTime = needTime
		}
	}()
	if err := r.analyzeWait(); err != nil {
		return "", err
	}
	attempts, err := r.attemptsOption(names)
	if err != nil {
		return "", err
	}
	schedule, err := r.planSchedule(names)
	if err != nil {
		return "", err
	}
	for _, s := range r.f.CounterSteps {
		r.movable[s] = true
	}
	if err := r.planCounter(); err != nil {
		return "", err
	}
	w := &walker{r: r}
	in := state{live: true, waited: r.waitAtStart}
	if err := w.walkBody(r.body, in); err != nil {
		return "", err
	}
	cp, onDone, err := r.planCtx(names)
	if err != nil {
		return "", err
	}
	p, err := r.planExits(w.exits, names, onDone)
	if err != nil {
		return "", err
	}
	if r.finalSleep() {
		r.changes = append(r.changes, changeFinalSleep)
	}
	var body edits
	if err := r.emit(&body, p, cp, append([]string{attempts}, schedule...), names); err != nil {
		return "", err
	}
	e.list = body.list
	call := "retry.Do"
	if p.value {
		call = "retry.DoValue"
	}
	return fixMessage(call, r.changes), nil
}

// finalSleep reports whether the loop waited after its last attempt, a pause
// the rewrite drops.
func (r *rewrite) finalSleep() bool {
	if r.wait.Guard != nil || r.waitAtStart || r.f.CounterCheck != nil {
		return false
	}
	switch r.loopKind() {
	case shape.CountedLoop, shape.WhileCounter:
		return true
	case shape.TimeBudget:
		return r.f.Budget != nil && r.f.Budget.Check == nil
	}
	return false
}

// emit writes the edits of the loop: the header becomes the call, the body
// stays, its exits become the closure's returns, the wait goes, and the
// closing brace carries the options and what follows the call.
func (r *rewrite) emit(e *edits, p *plan, cp ctxPlan, opts []string, names *importNames) error {
	// A label sits outdented on its own line: the call takes the loop's
	// indentation, from the start of the label's line.
	indent := r.indent(r.loop.Pos())
	start, lead := r.stmt.Pos(), ""
	if r.stmt != r.loop && r.tok.Line(r.stmt.Pos()) != r.tok.Line(r.loop.Pos()) {
		start, lead = r.lineStart(r.stmt.Pos()), indent
	}
	bodyIndent := indent + "\t"
	if len(r.body.List) > 0 {
		bodyIndent = r.indent(r.body.List[0].Pos())
	}

	// The call, formatted as gofmt would.
	lhs := "_ = "
	switch {
	case p.direct:
		lhs = "return "
	case p.value:
		d := "_"
		if p.dUsed || p.assignD {
			d = p.dName
		}
		lhs = p.vName + ", " + d + " := "
	case p.assignD:
		lhs = p.dName + " = "
	case p.dUsed:
		lhs = p.dName + " := "
	}
	fn, result := "Do", "error"
	if p.value {
		fn, result = "DoValue", "("+p.valueType+", error)"
	}
	param := names.context + ".Context"
	if cp.param != "" {
		param = cp.param + " " + param
	}
	call := fmt.Sprintf("%s%s.%s(%s, func(%s) %s {\n}, %s)", lhs, names.retry, fn, cp.arg, param, result, strings.Join(opts, ", "))
	formatted, err := formatStmts(call, indent)
	if err != nil {
		return err
	}
	head, closing, _ := strings.Cut(formatted, "\n")
	closing = strings.TrimPrefix(closing, indent)

	var pre []string
	if r.counter.decl != "" {
		pre = append(pre, r.counter.decl)
	}
	pre = append(pre, p.pre...)
	var b strings.Builder
	b.WriteString(lead)
	for _, s := range pre {
		b.WriteString(s + "\n" + indent)
	}
	b.WriteString(head)
	e.replace(start, r.body.Lbrace+1, b.String())

	after := closing
	if len(p.dispatch) > 0 {
		d, err := formatStmts(strings.Join(p.dispatch, "\n"), indent)
		if err != nil {
			return err
		}
		after += "\n" + indent + d
	}
	e.replace(r.body.Rbrace, r.body.Rbrace+1, after)

	// The body.
	var survivors []ast.Stmt
	for _, s := range r.body.List {
		if s != r.waitStmt && !r.deleted[s] {
			survivors = append(survivors, s)
		}
	}
	if call := r.returnCall(p, survivors); call != nil {
		// if err := f(); err == nil { return nil } else { return err }
		// says return f().
		text, err := formatStmts("return "+r.nodeText(call), bodyIndent)
		if err != nil {
			return err
		}
		e.replace(survivors[0].Pos(), survivors[0].End(), text)
		e.deleteStmt(r.source, r.waitStmt)
		r.deleteServants(e)
		return nil
	}
	for _, x := range sortedStmts(p.exitText) {
		text, err := formatStmts(p.exitText[x], r.indent(x.Pos()))
		if err != nil {
			return err
		}
		e.replace(x.Pos(), x.End(), text)
	}
	endAtWait := false
	if p.endText != "" {
		waitIsLast := r.isTop(r.waitStmt) && (len(survivors) == 0 || survivors[len(survivors)-1].Pos() < r.waitStmt.Pos())
		text, err := formatStmts(p.endText, bodyIndent)
		if err != nil {
			return err
		}
		switch {
		case p.endElse != nil:
			inner, err := formatStmts(p.endText, bodyIndent+"\t")
			if err != nil {
				return err
			}
			e.insert(p.endElse.Body.Rbrace+1, " else {\n"+bodyIndent+"\t"+inner+"\n"+bodyIndent+"}")
		case waitIsLast:
			e.replace(r.waitStmt.Pos(), r.waitStmt.End(), text)
			endAtWait = true
		case len(survivors) > 0:
			e.insert(r.lineEnd(survivors[len(survivors)-1].End()), "\n"+bodyIndent+text)
		default:
			return noFix("the loop does nothing but wait")
		}
	}
	if !endAtWait {
		e.deleteStmt(r.source, r.waitStmt)
	}
	r.deleteServants(e)
	return nil
}

// deleteServants deletes the statements that only served the wait or the
// counter (outside the wait statement itself, which goes with its own edit).
func (r *rewrite) deleteServants(e *edits) {
	for s := range r.deleted {
		if !within(s, r.waitStmt) {
			e.deleteStmt(r.source, s)
		}
	}
	for _, s := range r.deleteBefore {
		e.deleteStmt(r.source, s)
	}
}

// sortedStmts returns the keys of m in source order.
func sortedStmts(m map[ast.Stmt]string) []ast.Stmt {
	var out []ast.Stmt
	for s := range m {
		out = append(out, s)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Pos() < out[j-1].Pos(); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// applyEdits returns the source with sorted, non-overlapping edits applied.
func applyEdits(s *source, list []analysis.TextEdit) []byte {
	var out []byte
	last := 0
	for _, e := range list {
		start, end := s.off(e.Pos), s.off(e.End)
		out = append(out, s.src[last:start]...)
		out = append(out, e.NewText...)
		last = end
	}
	return append(out, s.src[last:]...)
}

// fixMessage is the fix's title, with the deliberate changes it makes.
func fixMessage(call string, changes []string) string {
	msg := "Replace loop with " + call
	var parts []string
	seen := map[string]bool{}
	for _, c := range changes {
		if seen[c] {
			continue
		}
		seen[c] = true
		parts = append(parts, changeText[c])
	}
	if len(parts) > 0 {
		msg += " (" + strings.Join(parts, "; ") + ")"
	}
	return msg
}

// The deliberate changes a fix may make, as its message names them.
const (
	changeFinalSleep = "final-sleep"
	changeMinOne     = "min-one"
	changeDeadline   = "deadline"
	changeScopeCtx   = "scope-ctx"
)

var changeText = map[string]string{
	changeFinalSleep: "no pause after the last attempt",
	changeMinOne:     "one attempt even when the limit allows none",
	changeDeadline:   "gives up at once when the next wait would outlast the context's deadline",
	changeScopeCtx:   "stops waiting when the context in scope ends",
}

// returnCall returns f() when the whole attempt is
// if err := f(); err == nil { <leave> }, with nothing else to keep: the
// closure is then return f().
func (r *rewrite) returnCall(p *plan, survivors []ast.Stmt) *ast.CallExpr {
	if p.value || p.endElse == nil || len(survivors) != 1 || survivors[0] != ast.Stmt(p.endElse) {
		return nil
	}
	ifs := p.endElse
	as, ok := ifs.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	call, ok := as.Rhs[0].(*ast.CallExpr)
	v := r.info.Defs[as.Lhs[0].(*ast.Ident)]
	if !ok || v == nil || v != types.Object(p.errVar) || len(ifs.Body.List) != 1 || r.counter.step != "" {
		return nil
	}
	cond, ok := ifs.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.EQL || objOf(r.info, cond.X) != v || !isNilIdent(r.info, cond.Y) {
		return nil
	}
	if text, ok := p.exitText[ifs.Body.List[0]]; !ok || text != "return nil" {
		return nil
	}
	for _, cg := range r.file.Comments {
		if within(cg, ifs) {
			return nil
		}
	}
	return call
}
