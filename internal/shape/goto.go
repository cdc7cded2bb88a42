package shape

// Retries written with a label and a goto back to it (again: err := op();
// if err != nil && tries < 3 { ...; goto again }). The matcher reads them as
// the loop they are: the statements from the label to the last one that
// jumps back, gone round again at each goto and left by falling off the end.

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/internal/code"
)

// gotoLoop returns the loop that the labelled statement ls starts when a
// later statement of its block jumps back to its label: a for statement
// made up for the matcher, at the label's position, whose body is the
// statements from ls to the last one holding such a goto, ended by a
// break. The code after that statement is what runs after the loop. nil
// when no goto jumps back to ls.
func (m *matcher) gotoLoop(cur inspector.Cursor) *ast.ForStmt {
	ls, ok := cur.Node().(*ast.LabeledStmt)
	if !ok {
		return nil
	}
	if f, ok := m.gotoLoops[ls]; ok {
		return f
	}
	if m.gotoLoops == nil {
		m.gotoLoops = map[*ast.LabeledStmt]*ast.ForStmt{}
	}
	m.gotoLoops[ls] = nil
	label, _ := m.info.Defs[ls.Label].(*types.Label)
	block := code.StmtList(cur.Parent().Node())
	if label == nil || block == nil {
		return nil
	}
	switch ls.Stmt.(type) {
	case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
		return nil // a label for break and continue, or a loop of its own
	}
	start, last := -1, -1
	for i, s := range block {
		if s == ls {
			start = i
		}
		if start >= 0 && jumpsTo(m.info, s, label) {
			last = i
		}
	}
	if start < 0 || last < 0 {
		return nil
	}
	list := append([]ast.Stmt{ls.Stmt}, block[start+1:last+1]...)
	end := block[last].End()
	list = append(list, &ast.BranchStmt{TokPos: end - 1, Tok: token.BREAK})
	f := &ast.ForStmt{For: ls.Pos(), Body: &ast.BlockStmt{Lbrace: ls.Colon, List: list, Rbrace: end - 1}}
	m.gotoLoops[ls] = f
	return f
}

// jumpsTo reports whether n holds a goto to label, outside function
// literals.
func jumpsTo(info *types.Info, n ast.Node, label *types.Label) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			if x.Tok == token.GOTO && x.Label != nil && info.Uses[x.Label] == label {
				found = true
			}
		}
		return !found
	})
	return found
}

// gotoAfter returns the statements after a goto loop: those of its block
// after the last one that jumps back.
func (lc *loopCtx) gotoAfter() []ast.Stmt {
	last := lc.body.List[len(lc.body.List)-2]
	if last == lc.labeled.Stmt {
		last = lc.labeled // the block holds the label around it
	}
	for i, s := range lc.block {
		if s == last {
			return lc.block[i+1:]
		}
	}
	return nil
}
