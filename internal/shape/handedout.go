package shape

// A loop that ends on its passes after another call set the error: the
// retry of one call that does other work between attempts, or a walk over
// what that other call hands out.

import (
	"go/ast"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// handedOut reports whether the main path ends on the loop's own condition
// after another call set the operation's error (see endsMain), and that
// call also gave a value the next attempt's call reads (addr, err =
// src.Next(); then Dial(addr)): each pass then calls the operation on
// another candidate, failover and no retry. A call that only checks
// something between attempts (info, err := lookup(target)) hands the
// operation nothing.
func (a *reading) handedOut() bool {
	end := a.tr.end
	if end == nil || end.outcome != noOutcome {
		return false
	}
	info := a.m.info
	read := map[*types.Var]bool{} // what the operation's call reads
	ast.Inspect(a.c.call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				read[v] = true
			}
		}
		return true
	})
	for _, ev := range a.tr.main {
		if ev.kind != stmtEvent || ev.stmt == a.c.stmt {
			continue
		}
		set := a.m.assigned(ev.stmt)
		if !set[a.c.err] {
			continue
		}
		for v := range set {
			if v != a.c.err && read[v] {
				return true
			}
		}
		// What the statements before the call make of it (target :=
		// next; Dial(target)) reads it too.
		for v := range set {
			if v != a.c.err && a.feedsCall(v) {
				return true
			}
		}
	}
	return false
}

// feedsCall reports whether a statement of the loop body before the
// operation's statement reads v and sets a variable the call reads.
func (a *reading) feedsCall(v *types.Var) bool {
	info := a.m.info
	for _, s := range a.lc.body.List {
		if s.Pos() >= a.c.stmt.Pos() {
			break
		}
		if !code.Uses(info, s, v) {
			continue
		}
		for w := range a.m.assigned(s) {
			if code.Uses(info, a.c.call, w) {
				return true
			}
		}
	}
	return false
}
