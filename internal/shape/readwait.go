package shape

// Reading the wait of a retry off the trace: its guard, its setup, the context it watches.

import (
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"github.com/retrylint/retrylint/internal/code"
)

// waits finds the wait of the main path: exactly one wait statement, after
// every failed attempt but perhaps the last, never before the first.
func (a *reading) waits() {
	r := a.r
	var w *Wait
	var first *event // the wait before the first attempt
	any := false
	for _, seg := range a.segs {
		for _, ev := range seg {
			any = any || ev.kind == waitEvent
		}
	}
	if !any {
		return // retried at once
	}
	for k, seg := range a.segs {
		n := 0
		for _, ev := range seg {
			if ev.kind != waitEvent {
				continue
			}
			n++
			if w == nil {
				w = ev.wait
			} else if ev.wait.Stmt != w.Stmt {
				r.refuse(ReasonTwoWaits)
			}
		}
		if w != nil && w.Kind == Ticker {
			r.refuse(ReasonTicker)
		}
		switch {
		case k == 0 && n == 1:
			for _, ev := range seg {
				if ev.kind == waitEvent {
					first = ev
				}
			}
		case n > 1:
			r.refuse(ReasonTwoWaits)
		case k == len(a.segs)-1 && a.tr.end != nil:
			if n == 0 {
				if w != nil {
					w.Skips |= SkipsLast
				}
			} else {
				r.change(ChangeFinalSleep)
			}
		case k > 0 && n == 0 && (k < len(a.segs)-1):
			a.irregular = true
		}
	}
	if w == nil {
		return
	}
	if a.tr.end != nil && len(a.segs) >= 2 {
		last := a.segs[len(a.segs)-1]
		waitedLast := false
		for _, ev := range last {
			if ev.kind == waitEvent {
				waitedLast = true
			}
		}
		if !waitedLast {
			w.Skips |= SkipsLast
		}
	}
	w.Guard = a.guardOf(w)
	if w.Guard != nil {
		a.role(w.Guard, "wait guard")
	}
	if a.irregular && !a.counterGuard(w) {
		r.refuse(ReasonWaitSome)
	}
	a.role(w.Stmt, "wait")
	// t.Stop() when the context ends first serves the wait's timer.
	if sel, ok := w.Stmt.(*ast.SelectStmt); ok {
		for _, c := range sel.Body.List {
			for _, s := range c.(*ast.CommClause).Body {
				if a.stopsTimer(s, w) {
					a.role(s, "wait setup")
				}
			}
		}
	}
	for _, s := range w.Setup {
		a.role(s, "wait setup") // always in the body: see timerSetup
	}
	if w.Kind == Helper && w.Helper == nil {
		r.refuse(ReasonHelperVar)
	}
	if w.Ctx != nil && a.r.Op.Ctx != nil && w.Ctx != a.r.Op.Ctx {
		r.refuse(ReasonWaitCtxOther)
	}
	if w.Stop != nil && (w.HelperFact == nil || !w.HelperFact.StopReports) || len(w.Other) > 1 || len(w.Other) == 1 && !a.stopCase(w.Other[0]) {
		// a stop channel whose case returns is read with the exits (see
		// stopChan); any other channel wakes the wait or does work, and a
		// helper's stop channel is its own
		r.refuse(ReasonOtherChannel)
	}
	// if werr := pause(ctx, d); werr != nil { return werr }: an error of
	// the helper's own, which the retry package cannot return.
	if ifs, ok := w.Stmt.(*ast.IfStmt); ok && w.Kind == Helper && w.Ctx != nil && !w.HelperFact.ReturnsCtxErr {
		if as, ok := ifs.Init.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
			if v := code.Var(a.m.info, as.Lhs[0]); v != nil && code.Uses(a.m.info, ifs.Body, v) {
				r.refuse(ReasonHelperStops)
			}
		}
	}
	r.Wait = w
	if w.Kind == Timer {
		a.timerBefore(w)
	}
	if first != nil {
		a.waitFirst(first)
	}
}

// waitFirst reads the wait the loop makes before its first attempt too: the
// same wait, which a rewrite makes once before the call and leaves the
// later ones to the schedule. Its delay must be known without drawing, the
// wait must be deaf to every context (a wait that watches one would also
// need its way out before the call), and no time budget may count it.
func (a *reading) waitFirst(ev *event) {
	r, w := a.r, ev.wait
	switch {
	case w.Kind != Sleep && w.Kind != After,
		r.Bound.Kind == ByTime,
		w.Delay == nil || a.draws(w.Delay),
		ev.delay.kind != intV || ev.delay.rnd:
		r.refuse(ReasonWaitFirst)
		return
	}
	for _, st := range a.delayDefs() {
		if a.draws(st) {
			r.refuse(ReasonWaitFirst)
			return
		}
	}
	d := Duration{Expr: w.Delay}
	if !a.invariant(w.Delay) || len(a.delayDefs()) > 0 {
		d = a.duration(ev.delay.i, ev.delay.probe)
	}
	if v, ok := code.ConstInt(a.m.info, w.Delay); ok && d.Expr == w.Delay {
		d.Value, d.IsConst = time.Duration(v), true
	}
	if !d.IsConst && d.Expr == nil {
		r.refuse(ReasonWaitFirst)
		return
	}
	if w.Kind == Sleep && ev.delay.kind == intV && !ev.delay.probe && ev.delay.i <= 0 {
		return // time.Sleep(0) before the first attempt returns at once
	}
	w.First = &d
}

// timerBefore reads the timer of a Timer wait that is made before the loop
// (t := time.NewTimer(0); for { ...; t.Reset(d); <-t.C }): once the loop
// goes, nothing uses it. A declaration that makes only the timer, with
// time.NewTimer, goes with the loop, and so does defer t.Stop(); one that
// also gives other variables (t, stop := newTimer()) keeps them and names
// the timer _ (Wait.TimerName). A timer used anywhere else stays as it is;
// one declared in another way, that nothing would use, is refused.
func (a *reading) timerBefore(w *Wait) {
	var t *types.Var
	for _, s := range w.Setup {
		if es, ok := s.(*ast.ExprStmt); ok {
			if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Reset" {
					t = code.Var(a.m.info, sel.X)
				}
			}
		}
	}
	if t == nil || code.DeclaredIn(t, a.lc.loop) {
		return
	}
	var decl ast.Stmt // the statement that declares it
	varSpec := false  // var t = ...: a declaration the rewrite does not clear
	ast.Inspect(a.lc.fnBody, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && a.m.info.Defs[id] == t {
						decl = n
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				varSpec = varSpec || a.m.info.Defs[id] == t
			}
		}
		return decl == nil
	})
	if decl == nil && !varSpec {
		return // a parameter, or declared elsewhere
	}
	var stops []ast.Stmt // defer t.Stop()
	ast.Inspect(a.lc.fnBody, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeferStmt); ok && isMethodOn(a.m.info, d.Call, t, "Stop") {
			stops = append(stops, d)
		}
		return true
	})
	// Inside the loop only the wait and its setup may use it.
	used := false
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		if s, ok := n.(ast.Stmt); ok && (s == w.Stmt || hasStmt(w.Setup, s)) {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && a.m.info.Uses[id] == t {
			used = true
		}
		return !used
	})
	skip := stops
	if decl != nil {
		skip = append([]ast.Stmt{decl}, stops...)
	}
	if used || a.m.usedOutside(a.lc.fnBody, t, a.lc.loop, skip...) {
		return // still used once the loop goes
	}
	as, ok := decl.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		a.r.refuse(ReasonChannelWait) // a declaration the rewrite cannot clear
		return
	}
	call, _ := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	switch {
	case len(as.Lhs) == 1 && call != nil && code.IsPkgCall(a.m.info, call, "time", "NewTimer"):
		a.r.Scaffold = append(a.r.Scaffold, decl)
		for _, s := range stops {
			a.r.Scaffold = append(a.r.Scaffold, s)
		}
	case len(as.Lhs) > 1 && len(stops) == 0:
		named := false
		for _, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && a.m.info.Defs[id] == t {
				w.TimerName = id
			} else if ok && id.Name != "_" {
				named = true
			}
		}
		if w.TimerName == nil || !named {
			a.r.refuse(ReasonChannelWait)
		}
	default:
		a.r.refuse(ReasonChannelWait)
	}
}

// guardOf returns the if statement around the wait that holds nothing but
// the wait, its setup and the declarations of its delay.
func (a *reading) guardOf(w *Wait) *ast.IfStmt {
	var guard *ast.IfStmt
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || guard != nil {
			return guard == nil
		}
		if ifs.Else != nil || ifs.Init != nil {
			return true
		}
		holds := false
		for _, s := range ifs.Body.List {
			if s == w.Stmt {
				holds = true
			}
		}
		if !holds {
			return true
		}
		for _, s := range ifs.Body.List {
			if s == w.Stmt || DeclaresOnly(s) || hasStmt(w.Setup, s) {
				continue
			}
			return true
		}
		guard = ifs
		return false
	})
	return guard
}

// stopsTimer reports whether s is t.Stop() for the timer of the wait.
func (a *reading) stopsTimer(s ast.Stmt, w *Wait) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Stop" {
		return false
	}
	t := code.Var(a.m.info, sel.X)
	return t != nil && code.IsTimer(t.Type())
}
