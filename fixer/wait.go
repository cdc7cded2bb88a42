package fixer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/shape"
)

// analyzeWait finds the statement the rewrite removes for the wait, checks
// what guards it, and marks the statements that only serve it.
func (r *rewrite) analyzeWait() error {
	if len(r.f.Waits) != 1 {
		return noFix("the loop waits in more than one place")
	}
	w := r.f.Waits[0]
	r.wait = w
	switch w.Kind {
	case shape.Sleep, shape.After, shape.Timer:
	case shape.Select:
		if len(w.Other) > 0 {
			return noFix("the wait also listens to another channel")
		}
	case shape.Helper:
		if w.Var != nil {
			return noFix("the wait goes through a variable that tests may replace")
		}
		if w.Ctx != nil {
			// if err := sleepCtx(ctx, d); err != nil { return err }: the
			// if's body is what runs when ctx ends, as a select's case.
			if r.helperIf(w) == nil {
				return noFix("the wait helper stops early when the context ends")
			}
			break
		}
		if _, ok := w.Stmt.(*ast.ExprStmt); !ok {
			return noFix("the result of the wait helper is used")
		}
	default:
		return noFix("the wait is not understood")
	}
	if w.Delay == nil {
		return noFix("the delay of the wait is not known")
	}
	if w.Ctx != nil && w.OnDone == nil && w.Kind != shape.Helper {
		return noFix("the wait watches a context but does not stop the loop when it ends")
	}
	for _, s := range w.Setup {
		if !within(s, r.body) {
			return noFix("the wait is prepared outside the loop")
		}
		r.deleted[s] = true
	}
	if err := r.timerUses(); err != nil {
		return err
	}

	r.waitStmt = w.Stmt
	if w.Guard != nil {
		ifs := r.guardIf(w.Guard)
		if ifs == nil {
			return noFix("the condition around the wait is not understood")
		}
		r.waitStmt = ifs
	}
	first := r.firstStmt()
	if r.waitStmt == first && len(r.body.List) > 1 {
		// The wait opens the body: it must skip the first attempt only.
		if w.Guard == nil || !r.guardSkipsFirst(w.Guard) {
			return noFix("the loop waits before the first attempt")
		}
		r.waitAtStart = true
		return nil
	}
	if w.Guard != nil && !r.guardSkipsLast(w.Guard) {
		return noFix("the wait is skipped on a condition other than the last attempt")
	}
	return nil
}

// firstStmt returns the first statement of the body that is not deleted.
func (r *rewrite) firstStmt() ast.Stmt {
	for _, s := range r.body.List {
		if !r.deleted[s] {
			return s
		}
	}
	return nil
}

// guardIf returns the if statement whose condition is guard, when it holds
// only the wait (and the statements that serve it).
func (r *rewrite) guardIf(guard ast.Expr) *ast.IfStmt {
	var found *ast.IfStmt
	ast.Inspect(r.body, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok && ifs.Cond == guard {
			found = ifs
		}
		return found == nil
	})
	if found == nil || found.Init != nil || found.Else != nil {
		return nil
	}
	for _, s := range found.Body.List {
		if s != r.wait.Stmt && !r.deleted[s] && !(s.Pos() < r.wait.Stmt.Pos() && shape.DeclaresOnly(s)) {
			return nil
		}
	}
	return found
}

// timerUses checks that a timer made for the wait is used by nothing but
// the wait: its uses in the ctx case (t.Stop()) go away with the wait.
func (r *rewrite) timerUses() error {
	if r.wait.Kind != shape.Timer {
		return nil
	}
	var timer types.Object
	for _, s := range r.wait.Setup {
		if as, ok := s.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
			timer = objOf(r.info, as.Lhs[0])
		}
	}
	if timer == nil {
		return noFix("the timer of the wait is not understood")
	}
	for id, obj := range r.info.Uses {
		if obj != timer {
			continue
		}
		if within(id, r.wait.Stmt) && (r.wait.OnDone == nil || !within(id, r.wait.OnDone)) {
			continue
		}
		if r.inSetup(id) || r.timerStop(id) {
			continue
		}
		return noFix("the timer of the wait is used for something else")
	}
	return nil
}

func (r *rewrite) inSetup(n ast.Node) bool {
	for _, s := range r.wait.Setup {
		if within(n, s) {
			return true
		}
	}
	return false
}

// timerStop reports whether id is the receiver of a t.Stop() statement in the
// ctx case of the wait, which the rewrite drops.
func (r *rewrite) timerStop(id *ast.Ident) bool {
	if r.wait.OnDone == nil {
		return false
	}
	for _, s := range r.wait.OnDone.Body {
		if r.isTimerStop(s) && within(id, s) {
			return true
		}
	}
	return false
}

func (r *rewrite) isTimerStop(s ast.Stmt) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	x, ok := isMethodCall(r.info, call, "Stop")
	if !ok {
		return false
	}
	for _, su := range r.wait.Setup {
		if as, ok := su.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && objOf(r.info, as.Lhs[0]) == objOf(r.info, x) {
			return true
		}
	}
	return false
}

// linear is an integer expression sum(coef[term]*term) + k, where the terms
// are the counter and the limit, as a comparison expr < 0.
type linear struct {
	coef map[string]int64
	k    int64
}

func (l linear) equal(m linear) bool {
	if l.k != m.k {
		return false
	}
	for t, c := range l.coef {
		if m.coef[t] != c {
			return false
		}
	}
	for t, c := range m.coef {
		if l.coef[t] != c {
			return false
		}
	}
	return true
}

// shift returns l with the counter replaced by counter+d.
func (l linear) shift(d int64) linear {
	out := linear{coef: map[string]int64{}, k: l.k + l.coef["c"]*d}
	for t, c := range l.coef {
		out.coef[t] = c
	}
	return out
}

// linearOf parses e, an integer expression over the counter, the limit and
// constants.
func (r *rewrite) linearOf(e ast.Expr) (linear, bool) {
	l := linear{coef: map[string]int64{}}
	var walk func(e ast.Expr, sign int64) bool
	walk = func(e ast.Expr, sign int64) bool {
		e = ast.Unparen(e)
		if tv, ok := r.info.Types[e]; ok && tv.Value != nil {
			v, exact := constant.Int64Val(constant.ToInt(tv.Value))
			if !exact {
				return false
			}
			l.k += sign * v
			return true
		}
		if r.f.Counter != nil && objOf(r.info, e) == r.f.Counter {
			l.coef["c"] += sign
			return true
		}
		if lim := r.f.Attempts.Limit; lim != nil && sameExpr(r.info, e, lim) {
			l.coef["n"] += sign
			return true
		}
		be, ok := e.(*ast.BinaryExpr)
		if !ok {
			return false
		}
		switch be.Op {
		case token.ADD:
			return walk(be.X, sign) && walk(be.Y, sign)
		case token.SUB:
			return walk(be.X, sign) && walk(be.Y, -sign)
		}
		return false
	}
	return l, walk(e, 1)
}

// comparison parses x OP y into (x - y + adj < 0, or != 0 when ne).
func (r *rewrite) comparison(e ast.Expr) (l linear, ne, ok bool) {
	be, isBin := ast.Unparen(e).(*ast.BinaryExpr)
	if !isBin {
		return l, false, false
	}
	x, okx := r.linearOf(be.X)
	y, oky := r.linearOf(be.Y)
	if !okx || !oky {
		return l, false, false
	}
	diff := func(a, b linear) linear {
		out := linear{coef: map[string]int64{}, k: a.k - b.k}
		for t, c := range a.coef {
			out.coef[t] += c
		}
		for t, c := range b.coef {
			out.coef[t] -= c
		}
		for t, c := range out.coef {
			if c == 0 {
				delete(out.coef, t)
			}
		}
		return out
	}
	switch be.Op {
	case token.LSS:
		return diff(x, y), false, true
	case token.LEQ: // x <= y  ==  x - y - 1 < 0
		d := diff(x, y)
		d.k--
		return d, false, true
	case token.GTR:
		return diff(y, x), false, true
	case token.GEQ:
		d := diff(y, x)
		d.k--
		return d, false, true
	case token.NEQ:
		return diff(x, y), true, true
	}
	return l, false, false
}

// loopCond returns the condition under which another attempt starts, as a
// comparison over the counter's value when it is checked.
func (r *rewrite) loopCond() (linear, bool) {
	switch l := r.loop.(type) {
	case *ast.ForStmt:
		if l.Cond == nil {
			return linear{}, false
		}
		c, ne, ok := r.comparison(l.Cond)
		return c, ok && !ne
	case *ast.RangeStmt:
		// for i := range n: another pass while i < n.
		if r.f.Counter == nil || r.f.Attempts.Limit == nil {
			return linear{}, false
		}
		return linear{coef: map[string]int64{"c": 1, "n": -1}}, true
	}
	return linear{}, false
}

// guardSkipsLast reports whether guard holds exactly when another attempt
// follows the current one.
func (r *rewrite) guardSkipsLast(guard ast.Expr) bool {
	cond, ok := r.loopCond()
	if !ok || r.f.Counter == nil {
		return false
	}
	step, ok := r.stepsAfterWait()
	if !ok {
		return false
	}
	next := cond.shift(step)
	g, ne, ok := r.comparison(guard)
	if !ok {
		return false
	}
	if !ne {
		return g.equal(next)
	}
	// g != 0 where next is g < 0 and g <= 0 always holds while the loop
	// runs (next <= cond + 1 for a counter moving by one).
	return (step == 1 || step == -1) && g.equal(next) && cond.coef["c"]*step > 0
}

// guardSkipsFirst reports whether guard holds on every pass but the first.
func (r *rewrite) guardSkipsFirst(guard ast.Expr) bool {
	start, ok := r.counterStart()
	if !ok {
		return false
	}
	g, ne, ok := r.comparison(guard)
	if !ok || g.coef["n"] != 0 || len(g.coef) != 1 {
		return false
	}
	dir := r.counterDirection()
	// c != start, or c > start when counting up (start - c < 0), c < start
	// when counting down (c - start < 0).
	switch {
	case ne:
		return (g.coef["c"] == 1 && g.k == -start) || (g.coef["c"] == -1 && g.k == start)
	case dir > 0:
		return g.coef["c"] == -1 && g.k == start
	case dir < 0:
		return g.coef["c"] == 1 && g.k == -start
	}
	return false
}

// sameExpr reports whether two expressions are written alike and name the
// same objects.
func sameExpr(info *types.Info, a, b ast.Expr) bool {
	if types.ExprString(a) != types.ExprString(b) {
		return false
	}
	var objsA, objsB []types.Object
	ast.Inspect(a, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			objsA = append(objsA, info.ObjectOf(id))
		}
		return true
	})
	ast.Inspect(b, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			objsB = append(objsB, info.ObjectOf(id))
		}
		return true
	})
	if len(objsA) != len(objsB) {
		return false
	}
	for i := range objsA {
		if objsA[i] != objsB[i] {
			return false
		}
	}
	return true
}

// helperIf recognises if err := helper(ctx, d); err != nil { ... } around a
// helper of this package that returns nil when its wait ends and ctx.Err()
// when ctx ends first; it returns the variable that receives the helper's
// result.
func (r *rewrite) helperIf(w shape.Wait) *types.Var {
	ifs, ok := w.Stmt.(*ast.IfStmt)
	if !ok || ifs.Else != nil || ifs.Init == nil || w.Helper == nil {
		return nil
	}
	as, ok := ifs.Init.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	v, _ := r.info.Defs[as.Lhs[0].(*ast.Ident)].(*types.Var)
	cond, ok := ifs.Cond.(*ast.BinaryExpr)
	if v == nil || !ok || cond.Op != token.NEQ || objOf(r.info, cond.X) != types.Object(v) || !isNilIdent(r.info, cond.Y) {
		return nil
	}
	if !r.returnsCtxErr(w.Helper) {
		return nil
	}
	return v
}

// returnsCtxErr reports whether the wait helper fn returns only nil or its
// context parameter's Err(), so that a non-nil result says its context
// ended. The matcher records it in fn's WaitHelper fact where fn is
// declared, in this package or another.
func (r *rewrite) returnsCtxErr(fn *types.Func) bool {
	var h shape.WaitHelper
	return r.pass.ImportObjectFact(fn, &h) && h.ReturnsCtxErr
}
