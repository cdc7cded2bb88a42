package code_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

var comparisons = []token.Token{token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ}

// compare evaluates a op b for one of the comparisons.
func compare(t *testing.T, op token.Token, a, b int) bool {
	t.Helper()
	switch op {
	case token.EQL:
		return a == b
	case token.NEQ:
		return a != b
	case token.LSS:
		return a < b
	case token.LEQ:
		return a <= b
	case token.GTR:
		return a > b
	case token.GEQ:
		return a >= b
	}
	t.Fatalf("%s is not a comparison", op)
	return false
}

func TestNegate(t *testing.T) {
	for _, tc := range []struct {
		op, want token.Token
	}{
		{token.EQL, token.NEQ},
		{token.NEQ, token.EQL},
		{token.LSS, token.GEQ},
		{token.LEQ, token.GTR},
		{token.GTR, token.LEQ},
		{token.GEQ, token.LSS},
	} {
		if got, ok := code.Negate(tc.op); got != tc.want || !ok {
			t.Errorf("Negate(%s) = %s, %v, want %s, true", tc.op, got, ok, tc.want)
		}
	}
	for _, op := range []token.Token{token.ADD, token.SUB, token.LAND, token.LOR, token.NOT, token.AND, token.ASSIGN, token.ILLEGAL} {
		if got, ok := code.Negate(op); ok {
			t.Errorf("Negate(%s) = %s, true, want not ok", op, got)
		}
	}
}

// TestNegateMeaning checks Negate against what the comparisons compute: the
// negation holds exactly where the comparison does not.
func TestNegateMeaning(t *testing.T) {
	for _, op := range comparisons {
		neg, ok := code.Negate(op)
		if !ok {
			t.Errorf("Negate(%s) not ok", op)
			continue
		}
		for a := -1; a <= 1; a++ {
			for b := -1; b <= 1; b++ {
				if compare(t, op, a, b) == compare(t, neg, a, b) {
					t.Errorf("Negate(%s) = %s, but %d %s %d and %d %s %d agree", op, neg, a, op, b, a, neg, b)
				}
			}
		}
	}
}

func TestFlip(t *testing.T) {
	for _, tc := range []struct {
		op, want token.Token
	}{
		{token.EQL, token.EQL},
		{token.NEQ, token.NEQ},
		{token.LSS, token.GTR},
		{token.LEQ, token.GEQ},
		{token.GTR, token.LSS},
		{token.GEQ, token.LEQ},
	} {
		if got := code.Flip(tc.op); got != tc.want {
			t.Errorf("Flip(%s) = %s, want %s", tc.op, got, tc.want)
		}
	}
}

// TestFlipMeaning checks Flip against what the comparisons compute: a op b
// holds exactly when b Flip(op) a does.
func TestFlipMeaning(t *testing.T) {
	for _, op := range comparisons {
		flipped := code.Flip(op)
		for a := -1; a <= 1; a++ {
			for b := -1; b <= 1; b++ {
				if compare(t, op, a, b) != compare(t, flipped, b, a) {
					t.Errorf("Flip(%s) = %s, but %d %s %d and %d %s %d differ", op, flipped, a, op, b, b, flipped, a)
				}
			}
		}
	}
}

// terms renders the terms of a split, parentheses around a term removed, so
// that the cases state which subexpressions come back and not how they are
// bracketed.
func terms(es []ast.Expr) []string {
	var out []string
	for _, e := range es {
		out = append(out, types.ExprString(ast.Unparen(e)))
	}
	return out
}

func TestDisjuncts(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{"a", []string{"a"}},
		{"a || b", []string{"a", "b"}},
		{"a || b || c", []string{"a", "b", "c"}},
		{"a || (b || c)", []string{"a", "b", "c"}},
		{"(a || b)", []string{"a", "b"}},
		{"((a) || (b))", []string{"a", "b"}},
		{"a || b && c", []string{"a", "b && c"}},
		{"a && b || c", []string{"a && b", "c"}},
		{"a || (b && c) || d", []string{"a", "b && c", "d"}},
		{"err != nil || n >= max", []string{"err != nil", "n >= max"}},
		{"(a || b) && c", []string{"(a || b) && c"}},
		{"!(a || b)", []string{"!(a || b)"}},
		{"f(a || b)", []string{"f(a || b)"}},
		{"a | b", []string{"a | b"}},
	} {
		e, err := parser.ParseExpr(tc.expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := terms(code.Disjuncts(e)); !slices.Equal(got, tc.want) {
			t.Errorf("Disjuncts(%s) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}

func TestConjuncts(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{"a", []string{"a"}},
		{"a && b", []string{"a", "b"}},
		{"a && b && c", []string{"a", "b", "c"}},
		{"a && (b && c)", []string{"a", "b", "c"}},
		{"(a && b)", []string{"a", "b"}},
		{"((a) && (b))", []string{"a", "b"}},
		{"a && b || c", []string{"a && b || c"}},
		{"a || b && c", []string{"a || b && c"}},
		{"a && (b || c) && d", []string{"a", "b || c", "d"}},
		{"err != nil && ctx.Err() == nil", []string{"err != nil", "ctx.Err() == nil"}},
		{"!(a && b)", []string{"!(a && b)"}},
		{"f(a && b)", []string{"f(a && b)"}},
		{"a & b", []string{"a & b"}},
	} {
		e, err := parser.ParseExpr(tc.expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := terms(code.Conjuncts(e)); !slices.Equal(got, tc.want) {
			t.Errorf("Conjuncts(%s) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}
