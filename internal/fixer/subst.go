package fixer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// A hook or a delay function sees the attempt as a number (a.Number,
// o.Attempts, the attempt parameter); the loop saw it as its counter. These
// helpers write the loop's code with the counter replaced by what it was,
// simplified the way a person would write it: i+1 becomes a.Number, i > 0
// becomes a.Number > 1.

// attemptSubst returns the text of n with the counter replaced by its value
// during attempt num (an expression: a.Number), the error by errText, and
// the error's mirrors too. first is the counter's value where n runs after
// the first attempt. It fails when the counter does not count up one at a
// time.
func (x *renderer) attemptSubst(n ast.Node, num, errText string, first int64) (string, error) {
	return x.attemptSubstWith(n, num, errText, first, nil)
}

// attemptSubstWith is attemptSubst with more variables replaced: by
// variable, the text that stands for it.
func (x *renderer) attemptSubstWith(n ast.Node, num, errText string, first int64, more map[*types.Var]string) (string, error) {
	r := x.r
	repl := map[*types.Var]string{}
	for v, t := range more {
		repl[v] = t
	}
	if errText != "" {
		repl[r.Op.Err] = errText
		for _, m := range r.Mirrors {
			repl[m] = errText
		}
	}
	c := r.Bound.Counter
	if c == nil || !code.Uses(x.info, n, c.Var) {
		return x.rewrite(n, repl, nil), nil
	}
	if c.Step != 1 {
		return "", noFix(shape.ReasonCounterRead)
	}
	// After attempt num the counter is first + num - 1.
	shift := first - 1
	// A shift count may be of any integer type: 1 << attempts needs no
	// conversion of the attempt number.
	counts := map[ast.Expr]bool{}
	ast.Inspect(n, func(m ast.Node) bool {
		if b, ok := m.(*ast.BinaryExpr); ok && (b.Op == token.SHL || b.Op == token.SHR) {
			counts[ast.Unparen(b.Y)] = true
		}
		return true
	})
	return x.rewrite(n, repl, func(e ast.Expr) (string, bool) {
		return x.counterExpr(e, c.Var, num, shift, !counts[ast.Unparen(e)])
	}), nil
}

// counterExpr writes an expression that reads the counter v as one of the
// attempt number num (v = num + shift): v, v+k, v-k and comparisons of v
// with a constant, with the constant folded; convert says to convert the
// attempt number to the counter's type when it is not an int.
func (x *renderer) counterExpr(e ast.Expr, v *types.Var, num string, shift int64, convert bool) (string, bool) {
	plus := func(k int64) string {
		text := num
		switch {
		case k > 0:
			text = fmt.Sprintf("%s+%d", num, k)
		case k < 0:
			text = fmt.Sprintf("%s-%d", num, -k)
		}
		// the attempt number is an int; a counter of another type
		// (var attempts uint64) is converted to it
		if b, ok := v.Type().(*types.Basic); convert && (!ok || b.Kind() != types.Int) {
			if t, err := x.typeText(v.Type()); err == nil {
				text = t + "(" + text + ")"
			}
		}
		return text
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if x.info.Uses[e] == v {
			return plus(shift), true
		}
	case *ast.BinaryExpr:
		left := code.Var(x.info, e.X) == v
		right := code.Var(x.info, e.Y) == v
		if !left && !right {
			return "", false
		}
		other := e.Y
		if right {
			other = e.X
		}
		k, ok := code.ConstInt(x.info, other)
		if !ok {
			return "", false
		}
		switch e.Op {
		case token.ADD:
			return plus(shift + k), true
		case token.SUB:
			if left {
				return plus(shift - k), true
			}
		case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
			op := e.Op
			if right {
				op = code.Flip(op)
			}
			// v op k  ⇔  num op k - shift
			return fmt.Sprintf("%s %s %d", num, op, k-shift), true
		}
	}
	return "", false
}

// rewrite returns the text of n with identifiers replaced by repl and the
// expressions that expr rewrites (when not nil) replaced by its text,
// outermost first. A replacement that is not a plain name, selector or call
// is put in parentheses where an operator or a selector applies to it.
func (x *renderer) rewrite(n ast.Node, repl map[*types.Var]string, expr func(ast.Expr) (string, bool)) string {
	type cut struct {
		pos, end token.Pos
		text     string
	}
	var cuts []cut
	var stack []ast.Node
	add := func(e ast.Expr, text string) {
		if len(stack) > 0 && needsParens(stack[len(stack)-1], e) && !simpleText(text) {
			text = "(" + text + ")"
		}
		cuts = append(cuts, cut{e.Pos(), e.End(), text})
	}
	ast.Inspect(n, func(m ast.Node) bool {
		if m == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if e, ok := m.(ast.Expr); ok && expr != nil {
			if t, ok := expr(e); ok {
				add(e, t)
				return false
			}
		}
		if id, ok := m.(*ast.Ident); ok {
			if v, ok := x.info.Uses[id].(*types.Var); ok {
				if t, ok := repl[v]; ok {
					add(id, t)
				}
			}
		}
		stack = append(stack, m)
		return true
	})
	if len(cuts) == 0 {
		return x.nodeText(n)
	}
	var b strings.Builder
	last := n.Pos()
	for _, c := range cuts {
		b.WriteString(x.text(last, c.pos))
		b.WriteString(c.text)
		last = c.end
	}
	b.WriteString(x.text(last, n.End()))
	return b.String()
}

// needsParens reports whether an expression replaced inside parent must be
// parenthesised when its text has operators.
func needsParens(parent ast.Node, e ast.Expr) bool {
	switch p := parent.(type) {
	case *ast.BinaryExpr, *ast.UnaryExpr, *ast.StarExpr:
		return true
	case *ast.SelectorExpr:
		return p.X == e
	case *ast.IndexExpr:
		return p.X == e
	case *ast.CallExpr:
		return p.Fun == e
	case *ast.SliceExpr:
		return p.X == e
	case *ast.TypeAssertExpr:
		return p.X == e
	}
	return false
}

// simpleText reports whether text is a name, a selector or a call.
func simpleText(text string) bool {
	depth := 0
	for i, r := range text {
		switch {
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			depth--
		case depth == 0 && !(r == '.' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
			return false
		}
		_ = i
	}
	return true
}

// retried turns "o.Attempts > 1" into "o.Retried()", the name the retry
// package gives it, in the text of an OnDone hook.
func retried(text, o string) string {
	attempts := `\b` + regexp.QuoteMeta(o+".Attempts")
	for _, r := range []struct{ test, with string }{
		{` > 1\b`, o + ".Retried()"},
		{` >= 2\b`, o + ".Retried()"},
		{` == 1\b`, "!" + o + ".Retried()"},
		{` <= 1\b`, "!" + o + ".Retried()"},
	} {
		// \b: o.Attempts > 10 is no test of a retry.
		text = regexp.MustCompile(attempts+r.test).ReplaceAllLiteralString(text, r.with)
	}
	return text
}

// freshName returns the first of the names that none of nodes mentions and
// that names no variable visible at pos.
func (x *renderer) freshName(pos token.Pos, nodes []ast.Node, names ...string) string {
	taken := map[string]bool{}
	for _, n := range nodes {
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok {
				taken[id.Name] = true
			}
			return true
		})
	}
	scope := x.pass.Pkg.Scope().Innermost(pos)
	for i := 1; ; i++ {
		for _, n := range names {
			if i > 1 {
				n = fmt.Sprintf("%s%d", n, i)
			}
			if taken[n] {
				continue
			}
			if scope != nil {
				if _, obj := scope.LookupParent(n, pos); obj != nil {
					continue
				}
			}
			return n
		}
	}
}
