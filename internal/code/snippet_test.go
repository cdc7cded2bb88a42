package code_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A snippet is one type-checked file of package p. Its nodes of interest are
// marked with a comment /*@name*/ written just before them.
type snippet struct {
	fset *token.FileSet
	file *ast.File
	src  string
	pkg  *types.Package
	info *types.Info
}

// fset and imports are shared by every snippet: the standard library is
// imported from export data once per test binary, and the imported objects'
// positions live in the same file set as the snippets', so a position test
// such as DeclaredIn cannot mistake one for the other.
var (
	fset        = token.NewFileSet()
	importsOnce sync.Once
	imports     types.Importer
)

// check type-checks src, the text of a file after its package clause, and
// fails the test on any error.
func check(t *testing.T, src string) *snippet {
	t.Helper()
	s, errs := checkAllowingErrors(t, src)
	if len(errs) > 0 {
		t.Fatalf("snippet does not type-check: %v\n%s", errs, s.src)
	}
	return s
}

// checkAllowingErrors type-checks src and returns the errors instead of
// failing, for tests of incomplete code.
func checkAllowingErrors(t *testing.T, src string) (*snippet, []error) {
	t.Helper()
	importsOnce.Do(func() { imports = importer.ForCompiler(fset, "gc", nil) })
	s := &snippet{fset: fset, src: "package p\n\n" + src}
	f, err := parser.ParseFile(fset, "p.go", s.src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("snippet does not parse: %v\n%s", err, s.src)
	}
	s.file = f
	s.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Instances:  map[*ast.Ident]types.Instance{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	var errs []error
	conf := types.Config{Importer: imports, Error: func(err error) { errs = append(errs, err) }}
	s.pkg, _ = conf.Check("p", fset, []*ast.File{f}, s.info)
	return s, errs
}

var markerRE = regexp.MustCompile(`^/\*@(\w+)\*/$`)

// pos returns the position of the first token after the marker /*@name*/.
func (s *snippet) pos(t *testing.T, name string) token.Pos {
	t.Helper()
	var found []token.Pos
	for _, g := range s.file.Comments {
		for _, c := range g.List {
			if m := markerRE.FindStringSubmatch(c.Text); m != nil && m[1] == name {
				found = append(found, c.End())
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one marker /*@%s*/, found %d", name, len(found))
	}
	tf := s.fset.File(found[0])
	off := tf.Offset(found[0])
	off += len(s.src[off:]) - len(strings.TrimLeft(s.src[off:], " \t\n"))
	return tf.Pos(off)
}

// at returns the outermost node of type N that begins right after the
// marker /*@name*/: for "/*@m*/ a || b" an ast.Expr is a || b, an
// *ast.Ident is a.
func at[N ast.Node](t *testing.T, s *snippet, name string) N {
	t.Helper()
	p := s.pos(t, name)
	var out N
	found := false
	ast.Inspect(s.file, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if x, ok := n.(N); ok && n.Pos() == p {
			out, found = x, true
			return false
		}
		return n.Pos() <= p && p < n.End()
	})
	if !found {
		var zero N
		t.Fatalf("no %T after marker /*@%s*/", zero, name)
	}
	return out
}

// def returns the object of the one identifier named name that the snippet
// declares, wherever it is declared.
func (s *snippet) def(t *testing.T, name string) types.Object {
	t.Helper()
	var objs []types.Object
	for id, obj := range s.info.Defs {
		if id.Name == name && obj != nil {
			objs = append(objs, obj)
		}
	}
	if len(objs) != 1 {
		t.Fatalf("want one declaration of %s, found %d", name, len(objs))
	}
	return objs[0]
}

// local returns the variable named name that the snippet declares.
func (s *snippet) local(t *testing.T, name string) *types.Var {
	t.Helper()
	v, ok := s.def(t, name).(*types.Var)
	if !ok {
		t.Fatalf("%s is not a variable", name)
	}
	return v
}

// typ evaluates the type expression expr in the snippet's file scope, so it
// may name the snippet's types and imports.
func (s *snippet) typ(t *testing.T, expr string) types.Type {
	t.Helper()
	tv, err := types.Eval(s.fset, s.pkg, s.file.Name.End(), expr)
	if err != nil {
		t.Fatalf("type %s: %v", expr, err)
	}
	if !tv.IsType() {
		t.Fatalf("%s is not a type", expr)
	}
	return tv.Type
}

// names returns the sorted names of vars, for comparing sets of variables.
func names(vars map[*types.Var]bool) []string {
	var out []string
	for v := range vars {
		out = append(out, v.Name())
	}
	slices.Sort(out)
	return out
}

// objString renders an object relative to package p, "" for nil (a nil
// *types.Var or *types.Func included).
func objString(obj types.Object) string {
	if obj == nil || reflect.ValueOf(obj).IsNil() {
		return ""
	}
	return types.ObjectString(obj, func(p *types.Package) string {
		if p.Path() == "p" {
			return ""
		}
		return p.Path()
	})
}
