package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Options are the choices that change what the matcher reports.
type Options struct {
	// FuncPattern matches the names of functions that wrap retry logic
	// (executeWithRetry, retryOperation); nil disables shape 3.
	FuncPattern *regexp.Regexp
	// RetryPackage is the import path of the retry package fixes target; the
	// package itself and its subpackages are never reported.
	RetryPackage string
}

// matcher holds what one run over a package needs.
type matcher struct {
	pass    *analysis.Pass
	info    *types.Info
	opts    Options
	helpers map[types.Object]*WaitHelper // this package's wait helpers
}

// Find returns the hand-rolled retry logic in the package of pass, in source
// order. It exports a WaitHelper fact for every function of the package that
// only waits, so that callers in other packages recognise it.
func Find(pass *analysis.Pass, insp *inspector.Inspector, opts Options) []*Finding {
	m := &matcher{pass: pass, info: pass.TypesInfo, opts: opts, helpers: map[types.Object]*WaitHelper{}}
	m.findHelpers()
	if m.skipPackage(pass.Pkg.Path()) {
		return nil
	}
	generated := map[*token.File]bool{}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			generated[pass.Fset.File(f.Pos())] = true
		}
	}

	// A loop is a candidate only when a wait call sits in it directly (not
	// in a nested loop or function literal): one walk over the calls of the
	// package finds them, and every other loop costs nothing more.
	candidates := map[ast.Node]inspector.Cursor{}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		if !m.isWaitCall(cur.Node().(*ast.CallExpr)) {
			continue
		}
		for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
			switch enc.Node().(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				candidates[enc.Node()] = enc
			}
			break
		}
	}
	var loops []inspector.Cursor
	for n, cur := range candidates {
		if !generated[pass.Fset.File(n.Pos())] {
			loops = append(loops, cur)
		}
	}
	sort.Slice(loops, func(i, j int) bool { return loops[i].Node().Pos() < loops[j].Node().Pos() })

	var findings []*Finding
	claimed := map[ast.Node]bool{} // functions whose RetryFunc finding is taken
	for _, cur := range loops {
		f := m.loop(cur)
		if f == nil {
			continue
		}
		if m.isRetryFunc(f.Func) && !claimed[f.Func] {
			claimed[f.Func] = true
			f.LoopKind, f.Kind = f.Kind, RetryFunc
		} else if f.Kind == Unbounded {
			continue // an endless loop is reported only in a function named for retrying
		}
		findings = append(findings, f)
	}
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if claimed[fd] || fd.Body == nil || generated[pass.Fset.File(fd.Pos())] || !m.isRetryFunc(fd) {
			continue
		}
		if f := m.recursion(fd); f != nil {
			findings = append(findings, f)
		}
	}
	sort.SliceStable(findings, func(i, j int) bool { return findings[i].pos() < findings[j].pos() })
	return findings
}

func (f *Finding) pos() token.Pos {
	if f.Kind == RetryFunc {
		return f.Func.Pos()
	}
	return f.Loop.Pos()
}

// skipPackage reports whether path is the retry package, a package inside
// it, or a retry library: their loops are the implementation users call.
func (m *matcher) skipPackage(path string) bool {
	if rp := m.opts.RetryPackage; rp != "" && (path == rp || strings.HasPrefix(path, rp+"/")) {
		return true
	}
	return isRetryLibrary(path)
}

// isRetryLibrary reports whether an import path belongs to a retry or
// backoff library (github.com/cenkalti/backoff, github.com/avast/retry-go,
// k8s.io/apimachinery/pkg/util/wait, ...): code calling one already
// delegates its policy.
func isRetryLibrary(path string) bool {
	switch {
	case path == "github.com/retrylint/retrylint/retry",
		strings.HasPrefix(path, "k8s.io/apimachinery/pkg/util/wait"),
		strings.HasPrefix(path, "k8s.io/client-go/util/retry"),
		strings.HasPrefix(path, "github.com/failsafe-go/"):
		return true
	}
	// The last elements of the path name the library: .../backoff/v4,
	// .../retry-go, .../go-retryablehttp, .../retrier.
	elems := strings.Split(strings.ToLower(path), "/")
	for i := len(elems) - 1; i >= 0 && i >= len(elems)-2; i-- {
		e := elems[i]
		if strings.Contains(e, "retry") || strings.Contains(e, "backoff") || strings.Contains(e, "retrier") {
			return true
		}
	}
	return false
}

// isWaitCall reports whether call may be the heart of a wait: time.Sleep,
// time.After, time.NewTimer, (*time.Timer).Reset, or a wait helper.
func (m *matcher) isWaitCall(call *ast.CallExpr) bool {
	obj := typeutil.Callee(m.info, call)
	switch o := obj.(type) {
	case *types.Func:
		if o.Pkg() != nil && o.Pkg().Path() == "time" {
			switch o.Name() {
			case "Sleep", "After", "NewTimer", "Reset":
				return true
			}
			return false
		}
	case *types.Var:
	default:
		return false
	}
	return m.helperFact(obj) != nil
}

// isRetryFunc reports whether fn is named like a function that wraps retry
// logic (a declared function, or a literal assigned to such a name).
func (m *matcher) isRetryFunc(fn ast.Node) bool {
	if m.opts.FuncPattern == nil {
		return false
	}
	name := funcName(fn)
	return name != "" && m.opts.FuncPattern.MatchString(name)
}

func funcName(fn ast.Node) string {
	if fd, ok := fn.(*ast.FuncDecl); ok {
		return fd.Name.Name
	}
	return ""
}
