package fixer_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maxLineRatio is what the migrated functions of the fix goldens may total,
// in lines, against the functions they replace: a fix should read as the
// shorter code an engineer would write with the retry package, not as the
// loop transplanted into a closure.
const maxLineRatio = 0.75

// TestMigratedLines counts, over every .golden file of testdata/src/fix, the
// lines of each function (or method) whose text the fix changed, before and
// after, and fails when the migrated ones total more than maxLineRatio of
// the originals. Functions are matched by receiver and name; a function the
// fix leaves alone does not count.
func TestMigratedLines(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join(testdata(t), "src", "fix", "*", "*.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if len(goldens) == 0 {
		t.Fatal("no fix goldens")
	}
	var before, after, funcs int
	for _, g := range goldens {
		orig := funcLines(t, strings.TrimSuffix(g, ".golden"))
		fixed := funcLines(t, g)
		for name, o := range orig {
			f, ok := fixed[name]
			if !ok || f.text == o.text {
				continue
			}
			funcs++
			before += o.lines
			after += f.lines
			if testing.Verbose() {
				t.Logf("%s %s: %d -> %d lines", filepath.Base(g), name, o.lines, f.lines)
			}
		}
	}
	if funcs == 0 {
		t.Fatal("no migrated function found in the goldens")
	}
	ratio := float64(after) / float64(before)
	t.Logf("%d migrated functions: %d lines before, %d after (%.2fx)", funcs, before, after, ratio)
	if ratio > maxLineRatio {
		t.Errorf("migrated functions total %.2fx their original lines, want at most %.2fx", ratio, maxLineRatio)
	}
}

// funcSrc is one function of a file: its text and its lines, comments
// before it excluded, blank lines inside it included.
type funcSrc struct {
	text  string
	lines int
}

// funcLines returns the functions of the Go file at path by receiver type
// and name.
func funcLines(t *testing.T, path string) map[string]funcSrc {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]funcSrc{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		name := fd.Name.Name
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			name = recvName(fd.Recv.List[0].Type) + "." + name
		}
		start, end := fset.Position(fd.Pos()), fset.Position(fd.End())
		out[name] = funcSrc{text: string(src[start.Offset:end.Offset]), lines: end.Line - start.Line + 1}
	}
	return out
}

func recvName(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.StarExpr:
		return recvName(x.X)
	case *ast.IndexExpr:
		return recvName(x.X)
	case *ast.IndexListExpr:
		return recvName(x.X)
	case *ast.Ident:
		return x.Name
	}
	return "?"
}
