package shape

// A stop channel: a channel beside the timer that ends the retries as a
// context would.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// StopChan is a channel that ends the retries when it is ready (a stop
// signal, a time.After made before the loop), tested by a select of the
// loop: its wait, or a select with a default at the top of each pass.
// retry.WaitsEndOn and retry.StopBefore say the same.
type StopChan struct {
	// Chan is the channel as written.
	Chan ast.Expr
	// Clause is the select case that receives from it; nil when a wait
	// helper does (if pause(stop, d) { return }).
	Clause *ast.CommClause
	// Value is the variable the case declares for the value received
	// (case v := <-ch), which the stopped exit may read; nil when none.
	Value *types.Var
	// Before reports that the loop looks at the channel, without blocking,
	// before each attempt, the first included, and that its wait does not
	// listen to it; otherwise its wait listens to it, and only the wait.
	Before bool
}

// stopCase reports whether cc, a case of a select, receives from a stop
// channel: from a channel the loop does not change, into nothing or a new
// variable, and its body returns.
func (a *reading) stopCase(cc *ast.CommClause) bool {
	ch := recvChan(cc.Comm)
	if ch == nil || !a.invariant(ch) {
		return false
	}
	if as, ok := cc.Comm.(*ast.AssignStmt); ok {
		if as.Tok != token.DEFINE || len(as.Lhs) != 1 {
			return false // v, ok := <-ch, or v = <-ch: what the loop keeps of it is its own
		}
		if id, ok := as.Lhs[0].(*ast.Ident); !ok || id.Name == "_" {
			return false
		}
	}
	if len(cc.Body) == 0 {
		return false
	}
	_, ok := cc.Body[len(cc.Body)-1].(*ast.ReturnStmt)
	return ok
}

// stopChan reads the stop channel an exit of the loop left through (e went
// through a case of a select on a channel no wait or context the matcher
// knows): the case of the wait that returns, or the case of a select at the
// top of the loop's body that returns while its default goes on to the
// attempt. It records the channel, and reports false when the exit is no
// such stop, or when another exit stopped on another channel.
func (a *reading) stopChan(e *exitPath) bool {
	if w := a.r.Wait; w != nil && w.Stop != nil {
		return a.helperStop(e, w)
	}
	cc := a.stopClauseOf(e)
	if cc == nil || !a.stopCase(cc) {
		return false
	}
	s := &StopChan{Chan: recvChan(cc.Comm), Clause: cc}
	if as, ok := cc.Comm.(*ast.AssignStmt); ok {
		s.Value = code.Var(a.m.info, as.Lhs[0])
	}
	w := a.r.Wait
	switch {
	case w != nil && isOther(w, cc):
		if len(w.Other) != 1 {
			return false
		}
		if !a.stopWaitFits(w) {
			return false
		}
	case a.topSelect(cc):
		if w != nil && len(w.Other) > 0 || w != nil && w.First != nil || a.c.before != nil {
			// the wait listens to another channel too, or the first
			// attempt is made before the first look at the channel
			return false
		}
		s.Before = true
	default:
		return false
	}
	if old := a.r.Exits.Stop; old != nil {
		return old.Clause == s.Clause
	}
	a.r.Exits.Stop = s
	return true
}

// stopWaitFits reports whether retry.WaitsEndOn makes every wait the loop
// makes, so that the channel can end each of them as it could the loop's.
func (a *reading) stopWaitFits(w *Wait) bool {
	if w.Ctx != nil {
		// retry.Do gives up at once when the next wait would outlast the
		// context's deadline: the channel could no longer end that wait
		return false
	}
	for _, c := range a.r.Changes {
		if c == ChangeFinalSleep {
			// the loop waits after its last attempt too, and the channel
			// may still end that wait: what it then returns is not "no
			// pause after the last attempt"
			return false
		}
	}
	return true
}

// helperStop reads the stop channel of a wait helper (if pause(stop, d) {
// return }): the helper says true exactly when the channel ended its wait,
// and the if that tests it returns.
func (a *reading) helperStop(e *exitPath, w *Wait) bool {
	last := ""
	for _, ev := range e.events {
		if ev.kind == forkEvent && ev.av.kind == otherAtom && len(ev.atom) > 12 && ev.atom[:12] == "select case " {
			last = ev.atom[12:]
		}
	}
	ifs, ok := w.Stmt.(*ast.IfStmt)
	if !ok || last != types.ExprString(w.Stop) || w.HelperFact == nil || !w.HelperFact.StopReports ||
		ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 || !a.invariant(w.Stop) || !a.stopWaitFits(w) {
		return false
	}
	if _, ok := ast.Unparen(ifs.Cond).(*ast.CallExpr); !ok {
		return false // if !pause(stop, d): the loop stops when the wait ran out
	}
	if _, ok := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !ok {
		return false
	}
	if old := a.r.Exits.Stop; old != nil {
		return old.Chan == w.Stop
	}
	a.r.Exits.Stop = &StopChan{Chan: w.Stop}
	return true
}

// stopClauseOf returns the select case through which e left the loop: the
// last select case of another channel it went through.
func (a *reading) stopClauseOf(e *exitPath) *ast.CommClause {
	atom := ""
	for _, ev := range e.events {
		if ev.kind == forkEvent && ev.av.kind == otherAtom && len(ev.atom) > 12 && ev.atom[:12] == "select case " {
			atom = ev.atom[12:]
		}
	}
	if atom == "" || atom == "default" {
		return nil
	}
	var found *ast.CommClause
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if cc, ok := n.(*ast.CommClause); ok {
			if ch := recvChan(cc.Comm); ch != nil && types.ExprString(ch) == atom {
				found = cc
			}
		}
		return true
	})
	return found
}

// topSelect reports whether cc is a case of a select that is the first
// statement of the loop's body and has two cases, cc and a default: empty,
// or, when the select is all the body holds, the rest of the pass.
func (a *reading) topSelect(cc *ast.CommClause) bool {
	list := a.lc.body.List
	if len(list) == 0 {
		return false
	}
	sel, ok := list[0].(*ast.SelectStmt)
	if !ok || len(sel.Body.List) != 2 {
		return false
	}
	var def *ast.CommClause
	mine := false
	for _, c := range sel.Body.List {
		c := c.(*ast.CommClause)
		switch {
		case c == cc:
			mine = true
		case c.Comm == nil:
			def = c
		}
	}
	if !mine || def == nil {
		return false
	}
	return len(def.Body) == 0 || len(list) == 1
}
