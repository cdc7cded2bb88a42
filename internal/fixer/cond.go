package fixer

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"strings"
)

// The conditions a retry's model holds are the loop's own or built from
// them: a test simplified knowing that the error is not nil (err == nil ||
// x is x), a case of a switch on the error (err == unix.EBUSY). condText
// writes either kind: the source as it is where it says exactly the
// condition, and its parts joined where the condition was built.

// condText writes a condition of the model.
func (x *renderer) condText(e ast.Expr) string {
	if x.isSource(e) {
		return x.nodeText(e)
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return "(" + x.condText(e.X) + ")"
	case *ast.UnaryExpr:
		return e.Op.String() + x.operand(e.X, token.UnaryPrec)
	case *ast.BinaryExpr:
		prec := e.Op.Precedence()
		// Go's binary operators associate to the left: a right operand of
		// the same precedence needs parentheses.
		return x.operand(e.X, prec) + " " + e.Op.String() + " " + x.operand(e.Y, prec+1)
	}
	return x.nodeText(e)
}

// operand writes e as an operand of an operator of precedence prec, in
// parentheses when it binds less tightly.
func (x *renderer) operand(e ast.Expr, prec int) string {
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op.Precedence() < prec {
		return "(" + x.condText(e) + ")"
	}
	return x.condText(e)
}

// isSource reports whether the source text that e spans is e: a node built
// by the model spans the text of its first and last parts and whatever the
// code had between them.
func (x *renderer) isSource(e ast.Expr) bool {
	if !e.Pos().IsValid() || !e.End().IsValid() || e.End() < e.Pos() {
		return false
	}
	switch e.(type) {
	case *ast.BinaryExpr, *ast.UnaryExpr, *ast.ParenExpr:
	default:
		return true // the model builds only operators
	}
	parsed, err := parser.ParseExpr(x.nodeText(e))
	return err == nil && types.ExprString(parsed) == types.ExprString(e)
}

// negText writes the negation of a condition as a reader would: !a is a,
// a == b is a != b, anything else is !(...).
func (x *renderer) negText(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return x.condText(ast.Unparen(e.X))
		}
	case *ast.BinaryExpr:
		if e.Op == token.EQL || e.Op == token.NEQ {
			op := token.EQL
			if e.Op == token.EQL {
				op = token.NEQ
			}
			return x.operand(e.X, op.Precedence()) + " " + op.String() + " " + x.operand(e.Y, op.Precedence()+1)
		}
		return "!(" + x.condText(e) + ")"
	}
	return "!" + x.condText(e)
}

// replaceIdent replaces, in the Go expression src, every identifier name
// that is not a selector's field or method (x.name) with the text with.
// Other identifiers that only begin with name (errors, errSkip) and string
// literals stay as they are.
func replaceIdent(src, name, with string) string {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	var b strings.Builder
	last, prev := 0, token.ILLEGAL
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.IDENT && lit == name && prev != token.PERIOD {
			off := file.Offset(pos)
			b.WriteString(src[last:off])
			b.WriteString(with)
			last = off + len(lit)
		}
		prev = tok
	}
	b.WriteString(src[last:])
	return b.String()
}
