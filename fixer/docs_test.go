package fixer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReasonsDocumented checks that docs/fixes.md names every reason the
// fixer gives for leaving a loop alone, and every deliberate change a fix
// message can list.
func TestReasonsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "fixes.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(doc)), " ")
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "noFix" {
					return true
				}
				lit, ok := call.Args[0].(*ast.BasicLit)
				if !ok {
					return true
				}
				reason, _ := strconv.Unquote(lit.Value)
				if reason == "needs DoValue" { // an internal signal, never reported
					return true
				}
				found++
				if !strings.Contains(text, reason) {
					t.Errorf("docs/fixes.md does not explain %q (%s)", reason, fset.Position(lit.Pos()))
				}
				return true
			})
		}
	}
	if found < 20 {
		t.Fatalf("found only %d reasons in the fixer's source", found)
	}
	for _, change := range changeText {
		if !strings.Contains(text, change) {
			t.Errorf("docs/fixes.md does not list the change %q", change)
		}
	}
}
