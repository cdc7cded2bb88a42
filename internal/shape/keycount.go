package shape

// A bound the machine cannot count: a count kept somewhere it does not
// follow (a map entry per item, a field of an element), stepped on the
// retry path and tested on a way out that gives up.

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// hiddenCount returns the if statement of an exit that gives up once a
// count the machine does not follow reaches a limit (if busy[name] >= max {
// return err }, with busy[name]++ on the way to the next attempt), nil if
// there is none. Such a loop is bounded, though by how many attempts the
// machine cannot say: each item failing may have its own count.
//
// The roles, not the names: the exit leaves on a failure of the operation
// (it gives up), its test compares an expression with a limit in the
// direction the loop steps that expression by one, and the step runs on the
// main path, between one failed attempt and the next. A count that only
// feeds a log leaves by no exit; a count that picks another candidate
// leads to no give-up of its own; both stay unbounded.
func (a *reading) hiddenCount() *ast.IfStmt {
	info := a.m.info
	steps := map[string]token.Token{} // what the main path steps, by text
	for _, ev := range a.tr.main {
		if ev.kind != stmtEvent {
			continue
		}
		if x, tok, ok := stepOf(info, ev.stmt); ok && untrackedCount(info, x) {
			steps[a.m.text(x)] = tok
		}
	}
	if len(steps) == 0 {
		return nil
	}
	for i := range a.tr.exits {
		e := &a.tr.exits[i]
		if e.outcome != failed || e.later || (e.t.kind != returned && e.t.kind != leaveLoop) {
			continue
		}
		ifs, ok := e.cond.(*ast.IfStmt)
		if !ok || ifs.Init != nil || !code.Within(e.t.stmt, ifs.Body) {
			continue
		}
		forks := e.forks()
		if len(forks) == 0 || !forks[len(forks)-1].val || forks[len(forks)-1].atom != a.m.text(ifs.Cond) {
			continue
		}
		if x, dir, ok := limitTest(ifs.Cond); ok {
			if tok, stepped := steps[a.m.text(x)]; stepped && (tok == dir || dir == token.ILLEGAL) {
				return ifs
			}
		}
	}
	return nil
}

// stepOf returns what s steps by one and in which direction: x++ and
// x += 1 give token.INC, x-- and x -= 1 token.DEC.
func stepOf(info *types.Info, s ast.Stmt) (ast.Expr, token.Token, bool) {
	switch s := s.(type) {
	case *ast.IncDecStmt:
		return s.X, s.Tok, true
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 {
			return nil, 0, false
		}
		if tv, ok := info.Types[s.Rhs[0]]; !ok || tv.Value == nil || tv.Value.String() != "1" {
			return nil, 0, false
		}
		switch s.Tok {
		case token.ADD_ASSIGN:
			return s.Lhs[0], token.INC, true
		case token.SUB_ASSIGN:
			return s.Lhs[0], token.DEC, true
		}
	}
	return nil, 0, false
}

// untrackedCount reports whether x is a count the machine does not follow:
// an element of a map or a slice. A variable or a field it follows, and
// the bound it makes is read off the trace.
func untrackedCount(info *types.Info, x ast.Expr) bool {
	ix, ok := ast.Unparen(x).(*ast.IndexExpr)
	if !ok {
		return false
	}
	return isIntType(info.TypeOf(ix))
}

// limitTest returns the counted side of a test that holds once a count has
// reached a limit, and the direction of the count: c >= n, c == n and c > n
// (or n <= c, n == c, n < c) for a count that goes up; c <= n, c == n and
// c < n for one that goes down. An == test goes both ways; the step picks.
func limitTest(cond ast.Expr) (ast.Expr, token.Token, bool) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return nil, 0, false
	}
	x, y, op := b.X, b.Y, b.Op
	if _, isIndex := ast.Unparen(x).(*ast.IndexExpr); !isIndex {
		x, y = y, x
		switch op {
		case token.LSS:
			op = token.GTR
		case token.LEQ:
			op = token.GEQ
		case token.GTR:
			op = token.LSS
		case token.GEQ:
			op = token.LEQ
		}
	}
	if _, isIndex := ast.Unparen(x).(*ast.IndexExpr); !isIndex || mentions(y, types.ExprString(x)) {
		return nil, 0, false
	}
	switch op {
	case token.GEQ, token.GTR:
		return x, token.INC, true
	case token.LEQ, token.LSS:
		return x, token.DEC, true
	case token.EQL:
		return x, token.ILLEGAL, true
	}
	return nil, 0, false
}

// mentions reports whether e holds an expression written as text.
func mentions(e ast.Expr, text string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && !found && types.ExprString(x) == text {
			found = true
		}
		return !found
	})
	return found
}
