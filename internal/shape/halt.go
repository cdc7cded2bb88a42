package shape

// Stopping a run once a path of the loop's body is stuck.

import "go/ast"

// halt records that a path of the loop's body got stuck, and stops the run
// when that is safe: exec then explores no more paths. A stuck path makes
// the whole run of no use: run returns as soon as the iteration in which
// it got stuck has been explored, before it records anything of that
// iteration but the stuck statement, and every caller then drops the trace
// or reads no more of it than what the iterations before recorded (the
// attempts made). The paths left to explore would change none of that;
// they cost the most in the loops the machine cannot follow, which fork on
// every case of a long switch (time.Parse: 60 ms).
//
// The paths left unexplored must not change what later runs over the same
// loop do either: besides the matcher's caches of what never changes (the
// text of an atom, what a statement assigns), the only thing a run leaves
// behind is the waits it met (waitAt keeps them in lc.waits), and controls
// reads those; so the run
// stops only when the loop has no wait that findWaits found and no
// statement it does not look at (the Init of an if or a switch, the
// statement of a label, with the statements before it) is one. The attempt
// made before the loop is no part of the body (see run): a path stuck there
// goes on as a state of the loop.
func (mc *machine) halt() {
	if mc.halted || !mc.inBody || mc.m.opts.exhaustive {
		return
	}
	if mc.waitsUnknown == nil {
		unknown := mc.m.mayMeetWaits(mc.lc)
		mc.waitsUnknown = &unknown
	}
	mc.halted = !*mc.waitsUnknown
	if mc.halted && mc.m.opts.skipped != nil {
		mc.m.opts.skipped.halted++
	}
}

// mayMeetWaits reports whether a run over the loop of lc may meet a wait:
// one that findWaits found, or one in a statement that the machine may run
// and findWaits does not look at.
func (m *matcher) mayMeetWaits(lc *loopCtx) bool {
	for _, w := range lc.waits {
		if w != nil {
			return true
		}
	}
	found := false
	var stmt func(s ast.Stmt, prev []ast.Stmt)
	list := func(l []ast.Stmt) {
		for i, s := range l {
			stmt(s, l[:i])
		}
	}
	stmt = func(s ast.Stmt, prev []ast.Stmt) {
		if found {
			return
		}
		switch s := s.(type) {
		case *ast.LabeledStmt:
			found = found || m.waitOf(s.Stmt, prev) != nil
			stmt(s.Stmt, prev)
		case *ast.BlockStmt:
			list(s.List)
		case *ast.IfStmt:
			found = found || s.Init != nil && m.waitOf(s.Init, nil) != nil
			list(s.Body.List)
			if s.Else != nil {
				stmt(s.Else, nil)
			}
		case *ast.SwitchStmt:
			found = found || s.Init != nil && m.waitOf(s.Init, nil) != nil
			list(s.Body.List)
		case *ast.TypeSwitchStmt:
			list(s.Body.List)
		case *ast.SelectStmt:
			list(s.Body.List)
		case *ast.CaseClause:
			list(s.Body)
		case *ast.CommClause:
			list(s.Body)
		case *ast.ForStmt:
			list(s.Body.List) // the machine runs no nested loop: looked at all the same
		case *ast.RangeStmt:
			list(s.Body.List)
		}
	}
	list(lc.body.List)
	return found
}
