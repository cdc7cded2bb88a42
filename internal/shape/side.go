package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/retrylint/retrylint/internal/code"
)

// mirrors finds the variables that copy the error after every failure
// (lastErr = err): they hold the last error wherever the code reads them.
func (a *reading) mirrors() {
	info := a.m.info
	counts := map[*types.Var]int{}
	stmts := map[*types.Var][]ast.Stmt{}
	for k := 1; k < len(a.segs); k++ {
		seen := map[*types.Var]bool{}
		for _, ev := range a.segs[k] {
			if ev.kind != stmtEvent {
				continue
			}
			as, ok := ev.stmt.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				continue
			}
			v := code.Var(info, as.Lhs[0])
			if v == nil || v == a.c.err || code.DeclaredIn(v, a.lc.loop) || !code.IsError(v.Type()) {
				continue
			}
			if code.Var(info, as.Rhs[0]) != a.c.err {
				if code.Uses(info, as.Rhs[0], a.c.err) {
					a.r.refuse(ReasonMirrorWrapped)
				}
				continue
			}
			if !seen[v] {
				seen[v] = true
				counts[v]++
				stmts[v] = append(stmts[v], as)
			}
		}
	}
	want := len(a.segs) - 1
	for v, n := range counts {
		if n != want {
			continue
		}
		a.r.Mirrors = append(a.r.Mirrors, v)
		for _, s := range stmts[v] {
			a.role(s, "mirror")
		}
		if decl, x := a.m.lastAssign(a.lc, v); decl != nil && (x == nil || code.IsNil(info, x)) && !a.m.usedOutsideExits(a, v, decl) {
			a.r.Scaffold = append(a.r.Scaffold, a.declNode(decl, v))
		}
	}
}

// usedOutsideExits reports whether v is read outside the loop other than by
// the code after it (where the rewrite reads the error instead) and decl.
func (m *matcher) usedOutsideExits(a *reading, v *types.Var, decl ast.Stmt) bool {
	found := false
	ast.Inspect(a.lc.fnBody, func(n ast.Node) bool {
		if found || n == nil || n == decl || code.Within(n, a.lc.loop) {
			return false
		}
		for _, s := range a.lc.after() {
			if n == s {
				return false
			}
		}
		if id, ok := n.(*ast.Ident); ok && m.info.Uses[id] == v {
			found = true
		}
		return true
	})
	return found
}

// side finds the work each failure runs besides retrying: the statements
// of the main path after a failed attempt and before its wait that no other
// stage explained, and when they run.
func (a *reading) side() {
	r := a.r
	ops := len(a.segs) - 1
	first := a.plain(a.segs[0])
	ran := map[ast.Stmt][]int{}
	var order []ast.Stmt
	for k := 1; k <= ops; k++ {
		for _, ev := range a.segs[k] {
			if ev.kind == waitEvent {
				break
			}
			if ev.kind != stmtEvent || a.roles[ev.stmt] != "" {
				continue
			}
			if end := a.tr.end; end != nil && end.t.kind == aborted && ev.stmt == end.t.stmt {
				continue // the call that ends the program once the tries ran out: the exit's
			}
			if hasStmt(first, ev.stmt) {
				// It ran before the first attempt too: work of every
				// attempt, before its call (see pre), not of a failure.
				continue
			}
			if _, seen := ran[ev.stmt]; !seen {
				order = append(order, ev.stmt)
			}
			ran[ev.stmt] = append(ran[ev.stmt], k)
		}
	}
	ended := a.tr.end != nil
	// What runs on the way to success too, right after the call, is part of
	// every attempt: it stays with the call, in the closure.
	var post []ast.Stmt
	for _, s := range order {
		if a.onSuccess(s) {
			post = append(post, s)
		}
	}
	for _, s := range post {
		r.Op.Post = append(r.Op.Post, s)
		a.role(s, "post")
		if c := r.Bound.Counter; c != nil && a.reads(s, c.Var) {
			r.refuse(ReasonCounterRead)
		}
	}
	for _, s := range order {
		if hasStmt(post, s) {
			continue
		}
		ks := ran[s]
		if ended && len(ks) == 1 && ks[0] == ops && ops > 1 && a.onExhaustedExit(s) && (r.Bound.Counter == nil || !a.reads(s, r.Bound.Counter.Var)) {
			// it runs once the attempts ran out, on the way out: the
			// exhausted exit's work (log.Print("giving up"); return err).
			// Not when it reads the counter: the loop may step it after,
			// on its way to the end, where the exit reads its value.
			continue
		}
		w := Side{Stmt: s}
		switch {
		case len(ks) == ops && (ended || ops > 0):
			w.When = EveryFailure
		case ended && len(ks) == ops-1 && ks[len(ks)-1] == ops-1:
			w.When = BeforeRetry
		default:
			r.refuse(ReasonSideSome)
			continue
		}
		if w.When == EveryFailure && a.hasGiveUps() && !a.onGiveUps(s) {
			w.When = RetryableFailure
		}
		if c := r.Bound.Counter; c != nil {
			w.ReadsCounter = a.reads(s, c.Var)
			for _, ev := range a.segs[ks[0]] {
				if ev.stmt == s && ev.kind == stmtEvent {
					if v, ok := ev.env[a.counterKey()]; ok && v.kind == intV {
						w.Counter = v.i - c.Step*int64(ks[0]-1)
					}
					break
				}
			}
		}
		w.ReadsErr = a.reads(s, a.c.err)
		a.checkSets(s)
		w.BeforeDelay = a.beforeDelay(s)
		r.Side = append(r.Side, w)
		a.role(s, "side")
	}
}

// onExhaustedExit reports whether s runs on the way out once the attempts
// ran out, with no wait after it.
func (a *reading) onExhaustedExit(s ast.Stmt) bool {
	found := false
	for _, ev := range a.tr.end.events {
		if ev.kind == waitEvent {
			found = false
		}
		if ev.kind == stmtEvent && ev.stmt == s {
			found = true
		}
	}
	return found
}

// hasGiveUps reports whether some failures end the retries at once.
func (a *reading) hasGiveUps() bool {
	for _, e := range a.tr.exits {
		if e.outcome == failed && !e.onMainEnd(a) && e.lastForkKind() == errAtom {
			return true
		}
	}
	return false
}

// onGiveUps reports whether s runs on the way out when the code gives up on
// an error.
func (a *reading) onGiveUps(s ast.Stmt) bool {
	for _, e := range a.tr.exits {
		if e.outcome != failed || e.lastForkKind() != errAtom || e.onMainEnd(a) {
			continue
		}
		for _, ev := range e.events {
			if ev.kind == stmtEvent && ev.stmt == s {
				return true
			}
		}
	}
	return false
}

// onMainEnd reports whether e is the main path's end.
func (e *exitPath) onMainEnd(a *reading) bool {
	return a.tr.end != nil && e.t == a.tr.end.t && e.op == a.tr.end.op && e.cond == a.tr.end.cond
}

// checkSets refuses side work that sets a variable the code reads in its
// exits, when the variable is the body's own: a hook cannot reach it. A
// variable from outside the loop (failures++, u.String() on a url.URL)
// the hook sets as the loop did, after the same failures and before the
// same waits, unless the delay reads it: retry.Do computes the delay
// before it runs the hooks.
func (a *reading) checkSets(s ast.Stmt) {
	for v := range code.Assigned(a.m.info, s) {
		if code.DeclaredIn(v, s) {
			continue
		}
		if code.DeclaredIn(v, a.lc.loop) {
			// a variable of the body read by later work of the same
			// attempt is fine; read by an exit, it is not
			if a.readByExits(v) {
				a.r.refuse(ReasonSideSets)
			}
			continue
		}
		if a.delayReads(v) {
			a.r.refuse(ReasonSideSets)
		}
	}
}

// delayReads reports whether the delay of the wait, or a statement that
// computes it, reads v.
func (a *reading) delayReads(v *types.Var) bool {
	if w := a.r.Wait; w != nil {
		if w.Delay == nil {
			// a helper computes its own delay: it may read anything the
			// code after the loop reads
			return a.m.usedOutside(a.lc.fnBody, v, a.lc.loop)
		}
		if a.reads(w.Delay, v) {
			return true
		}
	}
	for s, role := range a.roles {
		if role == "schedule" && a.reads(s, v) {
			return true
		}
	}
	return false
}

// readByExits reports whether a statement of an exit path reads v.
func (a *reading) readByExits(v *types.Var) bool {
	for _, e := range a.tr.exits {
		for _, ev := range e.events {
			if ev.kind == stmtEvent && a.reads(ev.stmt, v) {
				return true
			}
		}
		if e.t.ret != nil && a.reads(e.t.ret, v) {
			return true
		}
	}
	return false
}

// pre finds the statements every attempt runs before its call: on the main
// path, those before the first attempt, which must also be the last ones
// before every later attempt (after the wait). Anything else between the
// wait and the next attempt cannot be kept.
func (a *reading) pre() {
	r := a.r
	plain := a.plain
	first := plain(a.segs[0])
	for k := 1; k < len(a.segs)-1 || (a.tr.end == nil && k < len(a.segs)); k++ {
		seg := a.segs[k]
		if k == len(a.segs)-1 && a.tr.end == nil && k >= 2 && cutShort(seg, a.segs[k-1]) {
			// The trace of an endless retry stops after some attempt, in
			// the middle of what follows it: what it has of that segment
			// is the start of the one before, which was checked.
			continue
		}
		after := -1
		for i, ev := range seg {
			if ev.kind == waitEvent {
				after = i
			}
		}
		if after < 0 {
			// No wait between the failure and the next attempt: what
			// ran before the first attempt must run before this one too,
			// among the failure's own work.
			if !subsequence(first, plain(seg)) {
				r.refuse(ReasonAfterWait)
				return
			}
			continue
		}
		later := plain(seg[after+1:])
		if !sameStmts(later, first) {
			r.refuse(ReasonAfterWait)
			return
		}
	}
	// The tests before the call that leave when some earlier step failed
	// (req, err := http.NewRequest(...); if err != nil { return nil, err }):
	// they stay in the closure, in their place.
	for _, g := range a.guards() {
		first = append(first, g)
		r.Op.Guards = append(r.Op.Guards, g)
	}
	sort.Slice(first, func(i, j int) bool { return first[i].Pos() < first[j].Pos() })
	r.Op.Pre = first
	for _, s := range first {
		a.role(s, "pre")
	}
}

// cutShort reports whether seg is the start of whole, event for event: the
// same statements, waits and tests, in the same order.
func cutShort(seg, whole []*event) bool {
	if len(seg) > len(whole) {
		return false
	}
	for i, ev := range seg {
		w := whole[i]
		if ev.kind != w.kind || ev.stmt != w.stmt || ev.atom != w.atom {
			return false
		}
	}
	return true
}

// plain returns the statements of the loop body that ran in evs and that
// no stage has given a role yet.
func (a *reading) plain(evs []*event) []ast.Stmt {
	var out []ast.Stmt
	for _, ev := range evs {
		if ev.kind == stmtEvent && a.roles[ev.stmt] == "" && code.Within(ev.stmt, a.lc.body) {
			out = append(out, ev.stmt)
		}
	}
	return out
}

// subsequence reports whether the statements of sub appear in list, in
// their order.
func subsequence(sub, list []ast.Stmt) bool {
	i := 0
	for _, s := range list {
		if i < len(sub) && s == sub[i] {
			i++
		}
	}
	return i == len(sub)
}

// guards returns the if statements of the operation's block, before it,
// that only return, and only on paths where the error is not the
// operation's (noOutcome exits).
func (a *reading) guards() []*ast.IfStmt {
	var list []ast.Stmt
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		for _, s := range code.StmtList(n) {
			if s == a.c.stmt {
				list = code.StmtList(n)
			}
		}
		return list == nil
	})
	var out []*ast.IfStmt
	for _, s := range list {
		if s.Pos() >= a.c.stmt.Pos() {
			break
		}
		ifs, ok := s.(*ast.IfStmt)
		if !ok || ifs.Else != nil || ifs.Init != nil || !a.m.controls(ifs, a.lc, a.c) || a.roles[ifs] != "" {
			continue
		}
		pre := false
		for _, e := range a.tr.exits {
			if e.t.stmt != nil && code.Within(e.t.stmt, ifs) {
				if e.outcome != noOutcome || e.t.kind != returned {
					pre = false
					break
				}
				pre = true
			}
		}
		if pre {
			out = append(out, ifs)
		}
	}
	return out
}

func sameStmts(a, b []ast.Stmt) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// counterKey is the key of the counter's value in the machine's states.
func (a *reading) counterKey() key {
	c := a.r.Bound.Counter
	if c == nil {
		return key{}
	}
	if r, ok := a.lc.loop.(*ast.RangeStmt); ok && code.Var(a.m.info, r.Key) == c.Var {
		return rangeKey(a.m.info, r)
	}
	return key{v: c.Var}
}

// results finds the declarations of the operation's results that a rewrite
// replaces by the call's own: a var declaration in the body before the call
// (var err error; err = op()), and one right before the loop, in its block,
// that nothing but the loop and the code after it uses.
func (a *reading) results() {
	r := a.r
	info := a.m.info
	var pre []ast.Stmt
	for _, s := range r.Op.Pre {
		if a.declaresResults(s) {
			a.role(s, "result declaration")
			continue
		}
		pre = append(pre, s)
	}
	r.Op.Pre = pre
	for _, v := range r.Op.Results {
		if v == nil || code.DeclaredIn(v, a.lc.loop) {
			continue
		}
		decl, x := a.m.lastAssign(a.lc, v)
		if decl == nil || x != nil || !a.inLoopBlock(decl) {
			continue
		}
		node := a.declNode(decl, v)
		if vs, ok := node.(*ast.ValueSpec); ok && len(vs.Names) != 1 {
			continue
		}
		if ds, ok := node.(*ast.DeclStmt); ok && len(declared(info, ds)) != 1 {
			continue
		}
		if a.usedBefore(v, decl) {
			continue
		}
		r.Scaffold = append(r.Scaffold, node)
	}
}

// declaresResults reports whether s only declares results of the operation
// with no value (var err error).
func (a *reading) declaresResults(s ast.Stmt) bool {
	vars := declared(a.m.info, s)
	if len(vars) == 0 {
		return false
	}
	ds := s.(*ast.DeclStmt)
	for _, spec := range ds.Decl.(*ast.GenDecl).Specs {
		if len(spec.(*ast.ValueSpec).Values) > 0 {
			return false
		}
	}
	for _, v := range vars {
		if !a.c.isResult(v) && v != a.c.err {
			return false
		}
	}
	return true
}

// inLoopBlock reports whether s is a statement of the loop's block, or a
// var declaration there.
func (a *reading) inLoopBlock(s ast.Stmt) bool {
	for _, x := range a.lc.block[:a.lc.index] {
		if x == s {
			return true
		}
	}
	return false
}

// usedBefore reports whether v is used between its declaration and the
// loop.
func (a *reading) usedBefore(v *types.Var, decl ast.Stmt) bool {
	started := false
	for _, x := range a.lc.block[:a.lc.index] {
		if x == decl {
			started = true
			continue
		}
		if started && code.Uses(a.m.info, x, v) {
			return true
		}
	}
	return false
}

// beforeDelay reports whether side work s runs, after the first attempt,
// before the statements that compute the delay (or the wait itself).
func (a *reading) beforeDelay(s ast.Stmt) bool {
	if len(a.segs) < 2 {
		return false
	}
	for _, ev := range a.segs[1] {
		if ev.stmt == s {
			return true
		}
		if ev.kind == waitEvent || a.roles[ev.stmt] == "schedule" {
			return false
		}
	}
	return false
}

// onSuccess reports whether s also runs on the way out after a success.
func (a *reading) onSuccess(s ast.Stmt) bool {
	for _, e := range a.tr.exits {
		if e.outcome != succeeded {
			continue
		}
		for _, ev := range e.events {
			if ev.kind == stmtEvent && ev.stmt == s {
				return true
			}
		}
	}
	return false
}
