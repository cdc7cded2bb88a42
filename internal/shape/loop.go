package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/internal/code"
)

// loopCtx is what the matcher knows about a candidate loop before it runs.
type loopCtx struct {
	cur     inspector.Cursor
	loop    ast.Stmt // *ast.ForStmt or *ast.RangeStmt
	labeled *ast.LabeledStmt
	label   *types.Label
	body    *ast.BlockStmt
	fn      ast.Node // *ast.FuncDecl or *ast.FuncLit
	fnBody  *ast.BlockStmt
	// changed are the variables the loop may change.
	changed map[*types.Var]bool
	// leaves are the statements in the body that make control leave the
	// statement holding them, with where they go.
	leaves []leaf
	// targets are the statements break and continue statements go to.
	targets map[*ast.BranchStmt]ast.Node
	// waits memoises the wait recognised at a statement.
	waits map[ast.Stmt]*Wait
	// predLocals are variables of the body that only tests of the error
	// fill and read (var ne net.Error), declared by predVarDecls.
	predLocals   map[*types.Var]bool
	predVarDecls []ast.Stmt
	// block and index place the loop's outer statement in its block.
	block []ast.Stmt
	index int
	// isGoto reports that the loop is made of a label and the gotos back
	// to it (see gotoLoop): a goto to the label goes round again.
	isGoto bool
}

// leaf is a statement that takes control out of where it stands.
type leaf struct {
	n      ast.Node
	target ast.Node // for break and continue: where it goes; nil otherwise, or when outside the loop
}

// newLoopCtx studies the layout of a loop: where its statements lead.
func (m *matcher) newLoopCtx(cur inspector.Cursor) *loopCtx {
	lc := &loopCtx{cur: cur, loop: cur.Node().(ast.Stmt), targets: map[*ast.BranchStmt]ast.Node{}, waits: map[ast.Stmt]*Wait{}}
	outer := cur
	if ls, ok := cur.Node().(*ast.LabeledStmt); ok {
		lc.loop, lc.isGoto, lc.labeled = m.gotoLoop(cur), true, ls
		lc.label, _ = m.info.Defs[ls.Label].(*types.Label)
	}
	switch l := lc.loop.(type) {
	case *ast.ForStmt:
		lc.body = l.Body
	case *ast.RangeStmt:
		lc.body = l.Body
	}
	if ls, ok := cur.Parent().Node().(*ast.LabeledStmt); ok && !lc.isGoto {
		lc.labeled = ls
		lc.label, _ = m.info.Defs[ls.Label].(*types.Label)
		outer = cur.Parent()
	}
	for enc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		lc.fn = enc.Node()
		lc.fnBody, _ = code.FuncBody(m.info, lc.fn)
		break
	}
	if p := outer.Parent(); p.Node() != nil {
		lc.block = code.StmtList(p.Node())
		for i, s := range lc.block {
			if s == outer.Node() {
				lc.index = i
			}
		}
	}
	lc.changed = code.Assigned(m.info, lc.loop)
	m.layout(lc)
	m.predDecls(lc)
	return lc
}

// outer returns the statement holding the loop: its label, or the loop.
func (lc *loopCtx) outer() ast.Stmt {
	if lc.labeled != nil {
		return lc.labeled
	}
	return lc.loop
}

// after returns the statements after the loop in its block.
func (lc *loopCtx) after() []ast.Stmt {
	if lc.isGoto {
		return lc.gotoAfter()
	}
	if lc.block == nil || lc.index+1 > len(lc.block) {
		return nil
	}
	return lc.block[lc.index+1:]
}

// layout finds the leaves of the loop body and the targets of its break and
// continue statements.
func (m *matcher) layout(lc *loopCtx) {
	labels := map[*types.Label]ast.Node{}
	if lc.label != nil {
		labels[lc.label] = lc.loop
	}
	var stack []ast.Node // enclosing for, range, switch and select statements
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		ast.Inspect(n, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FuncLit:
				return false
			case *ast.LabeledStmt:
				if l, ok := m.info.Defs[x.Label].(*types.Label); ok {
					labels[l] = x.Stmt
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if x == n {
					return true
				}
				stack = append(stack, x)
				for _, c := range children(x) {
					visit(c)
				}
				stack = stack[:len(stack)-1]
				return false
			case *ast.ReturnStmt:
				lc.leaves = append(lc.leaves, leaf{n: x})
			case *ast.ExprStmt:
				if call, ok := ast.Unparen(x.X).(*ast.CallExpr); ok && code.IsNoReturn(m.info, call) {
					lc.leaves = append(lc.leaves, leaf{n: x})
				}
			case *ast.BranchStmt:
				var t ast.Node
				switch {
				case x.Label != nil:
					if l, ok := m.info.Uses[x.Label].(*types.Label); ok {
						t = labels[l]
						if t == nil && l == lc.label {
							t = lc.loop
						}
					}

				case x.Tok == token.BREAK:
					t = lc.loop
					for i := len(stack) - 1; i >= 0; i-- {
						t = stack[i]
						break
					}
				case x.Tok == token.CONTINUE:
					t = lc.loop
					for i := len(stack) - 1; i >= 0; i-- {
						if isLoop(stack[i]) {
							t = stack[i]
							break
						}
					}
				default:
					t = nil // goto, fallthrough: nil, where it goes is not followed
				}
				lc.targets[x] = t
				lc.leaves = append(lc.leaves, leaf{n: x, target: t})
			}
			return true
		})
	}
	stack = append(stack, lc.loop)
	visit(lc.body)
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// children returns the parts of a compound statement that hold statements.
func children(n ast.Node) []ast.Node {
	switch n := n.(type) {
	case *ast.ForStmt:
		return []ast.Node{n.Body}
	case *ast.RangeStmt:
		return []ast.Node{n.Body}
	case *ast.SwitchStmt:
		return []ast.Node{n.Body}
	case *ast.TypeSwitchStmt:
		return []ast.Node{n.Body}
	case *ast.SelectStmt:
		return []ast.Node{n.Body}
	}
	return nil
}

// branchTarget returns the statement a break or continue goes to.
func (m *matcher) branchTarget(b *ast.BranchStmt, lc *loopCtx) ast.Node {
	return lc.targets[b]
}

// controls reports whether s holds anything that decides where the loop
// goes: the operation, a wait, a return, a call that does not return, or a
// break or continue that leaves s. Other statements are side work the
// machine only records.
func (m *matcher) controls(s ast.Stmt, lc *loopCtx, op *opCand) bool {
	if op != nil && (code.Within(op.stmt, s)) {
		return true
	}
	for st, w := range lc.waits {
		if w != nil && code.Within(st, s) {
			return true
		}
	}
	for _, l := range lc.leaves {
		if !code.Within(l.n, s) {
			continue
		}
		if l.target == nil || !code.Within(l.target, s) {
			return true
		}
	}
	return false
}

// waitAt returns the wait at s, if s is one.
func (mc *machine) waitAt(s ast.Stmt, prev []ast.Stmt) *Wait {
	if w, ok := mc.lc.waits[s]; ok {
		return w
	}
	w := mc.m.waitOf(s, prev)
	mc.lc.waits[s] = w
	return w
}

// findWaits records every wait in the loop body (outside function literals
// and nested loops), so that controls sees them before the machine runs.
func (m *matcher) findWaits(lc *loopCtx) int {
	n := 0
	var visit func(list []ast.Stmt)
	visit = func(list []ast.Stmt) {
		for i, s := range list {
			if w := m.waitOf(s, list[:i]); w != nil {
				lc.waits[s] = w
				n++
				continue
			}
			switch s := s.(type) {
			case *ast.BlockStmt:
				visit(s.List)
			case *ast.IfStmt:
				visit(s.Body.List)
				if s.Else != nil {
					visit([]ast.Stmt{s.Else})
				}
			case *ast.LabeledStmt:
				visit([]ast.Stmt{s.Stmt})
			case *ast.SwitchStmt:
				for _, c := range s.Body.List {
					visit(c.(*ast.CaseClause).Body)
				}
			case *ast.TypeSwitchStmt:
				for _, c := range s.Body.List {
					visit(c.(*ast.CaseClause).Body)
				}
			case *ast.SelectStmt:
				for _, c := range s.Body.List {
					visit(c.(*ast.CommClause).Body)
				}
			}
		}
	}
	visit(lc.body.List)
	return n
}

// readOrChanged returns the variables the loop reads or changes.
func (lc *loopCtx) readOrChanged(info *types.Info) map[*types.Var]bool {
	out := maps.Clone(lc.changed)
	ast.Inspect(lc.loop, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				out[v] = true
			}
		}
		return true
	})
	return out
}
