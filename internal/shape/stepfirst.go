package shape

// A pass that fails on a step before the operation's call.

import (
	"go/ast"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// preferOpPasses reports whether the machine, choosing the main path among
// failures that all go round, may prefer one that called the operation in
// this pass over one that failed on a step before it (the socket is not
// there yet: os.Stat, then Dial). It may when the call reads nothing the
// loop changes but the call's own results: a call that takes what an
// earlier step read (got, err := m.Version(); then compare(want, got)), or
// the item of the pass (job := it.(*Job) for i := iter.Next(); ...), tests
// that value or works on another item, and the loop polls a condition or
// walks a list. Nor may it when a step before the call is a call the loop
// could retry too (grant, then send, then receive, each failure going
// round): the pass as a whole is then what the loop repeats, and no one
// call is its operation. A step that only asks whether a file exists is
// none (see opOf).
func (mc *machine) preferOpPasses() bool {
	if mc.opPref != 0 {
		return mc.opPref > 0
	}
	info := mc.m.info
	fed := false
	for _, c := range mc.m.opCandidates(mc.lc) {
		if c.stmt.Pos() < mc.op.stmt.Pos() && !code.Within(mc.op.stmt, c.stmt) {
			fed = true
		}
	}
	ast.Inspect(mc.op.call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !fed {
			if v, ok := info.Uses[id].(*types.Var); ok && mc.lc.changed[v] && v != mc.op.err && !mc.op.isResult(v) {
				fed = true
			}
		}
		return !fed
	})
	mc.opPref = 1
	if fed {
		mc.opPref = -1
	}
	return !fed
}
