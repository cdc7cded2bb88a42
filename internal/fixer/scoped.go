package fixer

import (
	"go/ast"
	"go/parser"
	"regexp"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
)

// scopedCall writes the call in the init of the tail's first statement,
// `if err := retry.Do(...); err != nil {`, for when the names the call would
// declare are taken where the loop stands (an err of the function's own):
// declared in the if, the results shadow those names only where the loop's
// own variables stood. It applies only when every result is a variable the
// loop body declared for itself, the tail begins with an if that reads one
// of them, and nothing after that if, nor the code after the loop that the
// tail takes in, names them. It returns the statements that replace the
// call and the tail.
func (x *renderer) scopedCall(clo closurePlan, t tailPlan, call string) ([]string, bool) {
	r := x.r
	if len(t.stmts) == 0 || len(clo.decls) > 0 || len(t.onDone) > 0 || allBlank(t.lhs) {
		return nil, false
	}
	for _, v := range x.callResults(clo) {
		if v != nil && !code.DeclaredIn(v, r.Loop.Body) {
			return nil, false
		}
	}
	var names []*regexp.Regexp
	for _, n := range t.lhs {
		if n != "_" {
			names = append(names, regexp.MustCompile(`(^|[^\w.])`+regexp.QuoteMeta(n)+`\b`))
		}
	}
	mentions := func(s string) bool {
		for _, re := range names {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	first := t.stmts[0]
	stmt, err := parser.ParseExpr("func() {\n" + first + "\n}")
	if err != nil {
		return nil, false
	}
	body := stmt.(*ast.FuncLit).Body.List
	if len(body) != 1 {
		return nil, false
	}
	if ifs, ok := body[0].(*ast.IfStmt); !ok || ifs.Init != nil || !strings.HasPrefix(first, "if ") || !mentions(first[len("if "):int(ifs.Body.Lbrace)-len("func() {\n")-1]) {
		return nil, false
	}
	for _, s := range t.stmts[1:] {
		if mentions(s) {
			return nil, false
		}
	}
	if t.through != nil {
		// the code after the loop that the tail takes in spoke of the
		// function's own variables by those names
		for _, s := range r.Loop.After {
			if mentions(x.nodeText(s)) {
				return nil, false
			}
			if s == t.through {
				break
			}
		}
	}
	head := "if " + strings.Join(t.lhs, ", ") + " := " + call + "; "
	return append([]string{head + first[len("if "):]}, t.stmts[1:]...), true
}
