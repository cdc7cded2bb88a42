package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/retrylint/retrylint/internal/code"
)

// Options are the choices that change what the matcher reports.
type Options struct {
	// FuncPattern matches the names of functions that wrap retry logic
	// (executeWithRetry, retryOperation); nil disables the retry-func
	// category.
	FuncPattern *regexp.Regexp
	// RetryPackage is the import path of the retry package fixes target; the
	// package itself and its subpackages are never reported.
	RetryPackage string

	// exhaustive, for the tests, turns off the shortcuts that skip work
	// whose result Find would drop (endless.go, halt.go), and skipped, when
	// set, counts the work they skipped.
	exhaustive bool
	skipped    *skipped
}

// matcher holds what one run over a package needs.
type matcher struct {
	pass    *analysis.Pass
	info    *types.Info
	opts    Options
	helpers map[types.Object]*WaitHelper // this package's wait helpers
	// assignedIn and texts cache, by node, what the machine asks of the
	// same statements and conditions on every path through them.
	assignedIn map[ast.Node]map[*types.Var]bool
	texts      map[ast.Expr]string
	// synth holds the types of the expressions the matcher builds (the
	// tag == v of a switch case, the d * 2 of d *= 2): pass.TypesInfo is
	// shared with the other analyzers of the run, which read it
	// concurrently, so nothing is written there. opAssigns and caseConds
	// build each once.
	synth     map[ast.Expr]types.Type
	opAssigns map[*ast.AssignStmt][]*ast.BinaryExpr
	caseConds map[*ast.CaseClause]ast.Expr
	// nilPreds are the package's predicates of an error whose value for a
	// nil error is read (see onNil); decls finds their declarations.
	nilPreds map[*types.Func]nilPred
	decls    map[*types.Func]*ast.FuncDecl
	// tickers holds the period of the tickers a select waits on (see
	// tickerPeriod), nil for a ticker made otherwise.
	tickers map[*types.Var]ast.Expr
	// gotoLoops memoises the loops labels start (see gotoLoop).
	gotoLoops map[*ast.LabeledStmt]*ast.ForStmt
	// uses counts the uses of the package's functions (see delegatedTo).
	uses map[types.Object]int
}

// typeOf is info.TypeOf(e), for the expressions the matcher built too.
func (m *matcher) typeOf(e ast.Expr) types.Type {
	if t, ok := m.synth[e]; ok {
		return t
	}
	return m.info.TypeOf(e)
}

// built records the type of an expression the matcher built, and returns it.
func (m *matcher) built(e ast.Expr, t types.Type) ast.Expr {
	if m.synth == nil {
		m.synth = map[ast.Expr]types.Type{}
	}
	m.synth[e] = t
	return e
}

// boolExpr records that e, which the matcher built, is a condition.
func (m *matcher) boolExpr(e ast.Expr) ast.Expr {
	return m.built(e, types.Typ[types.UntypedBool])
}

// assigned is code.Assigned(n), computed once per node. The map is shared:
// callers only read it.
func (m *matcher) assigned(n ast.Node) map[*types.Var]bool {
	if a, ok := m.assignedIn[n]; ok {
		return a
	}
	if m.assignedIn == nil {
		m.assignedIn = map[ast.Node]map[*types.Var]bool{}
	}
	a := code.Assigned(m.info, n)
	m.assignedIn[n] = a
	return a
}

// text is types.ExprString(e), computed once per expression: the key of an
// atom the machine assumed.
func (m *matcher) text(e ast.Expr) string {
	if t, ok := m.texts[e]; ok {
		return t
	}
	if m.texts == nil {
		m.texts = map[ast.Expr]string{}
	}
	t := types.ExprString(e)
	m.texts[e] = t
	return t
}

// Find returns the hand-rolled retries of the package of pass, in source
// order. It exports a WaitHelper fact for every function of the package that
// only waits, so that callers in other packages recognise it.
func Find(pass *analysis.Pass, insp *inspector.Inspector, opts Options) []*Retry {
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

	var retries []*Retry
	claimed := map[ast.Node]bool{} // functions whose retry-func finding is taken
	for _, cur := range m.candidates(insp) {
		if generated[pass.Fset.File(cur.Node().Pos())] {
			continue
		}
		r := m.loop(cur)
		if r == nil {
			continue
		}
		if !m.isRetryFunc(r.Func.Node) && m.delegatedTo(r) {
			continue // the package's own retry helper: its callers are what to migrate
		}
		if m.polls(r) || m.decorates(cur, r) {
			continue
		}
		if m.isRetryFunc(r.Func.Node) && !claimed[r.Func.Node] {
			claimed[r.Func.Node] = true
			r.Category = RetryFunc
		} else if r.dropped(m.info) {
			continue
		}
		retries = append(retries, r)
	}
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if claimed[fd] || fd.Body == nil || generated[pass.Fset.File(fd.Pos())] || !m.isRetryFunc(fd) {
			continue
		}
		if r := m.recursion(fd); r != nil {
			retries = append(retries, r)
		}
	}
	sort.SliceStable(retries, func(i, j int) bool { return retries[i].Pos() < retries[j].Pos() })
	return retries
}

// delegatedTo reports whether r is the loop of a retry helper the package
// delegates to: a declared function that retries a call of its own
// function parameter (try(n, f), checkFor(total, pause, f)) and that the
// package uses in two places or more. Such a helper is the code base's
// retry library; what a team migrates is its callers. A function named for
// retrying is reported all the same (see isRetryFunc).
func (m *matcher) delegatedTo(r *Retry) bool {
	fd, ok := r.Func.Node.(*ast.FuncDecl)
	if !ok {
		return false
	}
	v := m.calledVar(r)
	if v == nil || !slices.Contains(code.Params(m.info, fd.Type), v) {
		return false
	}
	fn, ok := m.info.Defs[fd.Name].(types.Object)
	if !ok || fn == nil {
		return false
	}
	if m.uses == nil {
		m.uses = map[types.Object]int{}
		for _, obj := range m.info.Uses {
			if _, isFunc := obj.(*types.Func); isFunc && obj.Pkg() == m.pass.Pkg {
				m.uses[obj]++
			}
		}
	}
	return m.uses[fn] >= 2 && m.onlyRetries(fd, r.Loop)
}

// calledVar returns the variable r's operation calls (f in f(ctx), a
// function value rather than a declared function), nil for any other call.
func (m *matcher) calledVar(r *Retry) *types.Var {
	if r.Op.Call == nil {
		return nil
	}
	id, ok := ast.Unparen(r.Op.Call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := m.info.Uses[id].(*types.Var)
	return v
}

// onlyRetries reports whether the loop is all fd does: before it, only
// declarations and assignments that call nothing but package time or make a
// timer (var err error; deadline := time.Now().Add(total)), and defers of
// what they made; after it, only returns. A function that also does work of
// its own (a transaction helper that takes a session from a pool, a test
// that sets up a cluster) is no mere retry helper.
func (m *matcher) onlyRetries(fd *ast.FuncDecl, loop *Loop) bool {
	if loop == nil {
		return false
	}
	top := loop.Stmt
	if loop.Labeled != nil {
		top = loop.Labeled
	}
	seen := false
	for _, s := range fd.Body.List {
		switch {
		case s == top:
			seen = true
		case seen:
			if !reportsOutcome(s) {
				return false
			}
		default:
			if !m.scaffold(s) {
				return false
			}
		}
	}
	return seen
}

// reportsOutcome reports whether s, after a helper's loop, only says how
// it went: a return, or an if that returns or fails the test (if err != nil
// { t.Fatal(err) }).
func reportsOutcome(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.IfStmt:
		if s.Init != nil || s.Else != nil {
			return false
		}
		for _, b := range s.Body.List {
			switch b.(type) {
			case *ast.ReturnStmt, *ast.ExprStmt:
			default:
				return false
			}
		}
		return true
	}
	return false
}

// scaffold reports whether s only sets up a retry: see onlyRetries.
func (m *matcher) scaffold(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		// t.Helper(): a test helper says so
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := code.Method(m.info, call)
		if fn == nil || fn.Name() != "Helper" || len(call.Args) != 0 {
			return false
		}
		pp, _ := code.RecvNamed(fn)
		return pp == "testing"
	case *ast.DeclStmt, *ast.AssignStmt:
		ok := true
		ast.Inspect(s, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if !isCall || !ok || code.IsConversion(m.info, call) || code.BuiltinName(m.info, call) != "" {
				return ok
			}
			if fn := code.Callee(m.info, call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" {
				return true
			}
			if t := m.info.TypeOf(call); t != nil && makesTimer(t) {
				return true
			}
			ok = false
			return false
		})
		return ok
	case *ast.DeferStmt:
		return true // t.Stop(), stop(): what the set-up made
	}
	return false
}

// makesTimer reports whether t, a call's result, is or starts with a timer
// or a ticker (t, stop := NewSafeTimer(0)).
func makesTimer(t types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(0).Type()
	}
	return code.IsNamed(t, "time", "Timer") || code.IsNamed(t, "time", "Ticker")
}

// dropped reports whether Find drops r outside a function named for
// retrying: an endless loop that nothing but success ends (endlessDropped
// reads it too).
func (r *Retry) dropped(info *types.Info) bool {
	return r.Bound.Kind == Unbounded && r.score(info) < 4
}

// Pos is where the retry is reported: its loop, or the function that calls
// itself.
func (r *Retry) Pos() token.Pos {
	if r.Loop != nil {
		return r.Loop.Stmt.Pos()
	}
	return r.Func.Node.Pos()
}

// candidates returns the loops worth studying, in source order: the for
// loops and the ranges over an integer whose body calls something that
// returns an error, or waits. Most loops of a package are neither.
func (m *matcher) candidates(insp *inspector.Inspector) []inspector.Cursor {
	var out []inspector.Cursor
	for cur := range insp.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.LabeledStmt)(nil)) {
		if _, ok := cur.Node().(*ast.LabeledStmt); ok {
			if f := m.gotoLoop(cur); f != nil && m.mayRetry(f.Body) {
				out = append(out, cur)
			}
			continue
		}
		if m.isCandidate(cur.Node()) {
			out = append(out, cur)
		}
	}
	return out
}

// isCandidate reports whether loop, a for loop or a range, is one that
// candidates returns (shape.Decls asks too).
func (m *matcher) isCandidate(loop ast.Node) bool {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return m.mayRetry(l.Body)
	case *ast.RangeStmt:
		// Over anything but an integer, each pass gets another item.
		return isIntType(m.info.TypeOf(l.X)) && m.mayRetry(l.Body)
	}
	return false
}

// mayRetry reports whether a loop body, outside nested function literals,
// assigns the error of a call or waits.
func (m *matcher) mayRetry(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			found = m.isWaitCall(n)
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				if _, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
					if v := code.Var(m.info, n.Lhs[len(n.Lhs)-1]); v != nil && code.IsError(v.Type()) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
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

// isRetryFunc reports whether fn is a declared function named like one that
// wraps retry logic.
func (m *matcher) isRetryFunc(fn ast.Node) bool {
	if m.opts.FuncPattern == nil {
		return false
	}
	fd, ok := fn.(*ast.FuncDecl)
	return ok && m.opts.FuncPattern.MatchString(fd.Name.Name)
}

// callsRetryLibrary reports whether n calls into a retry library: its
// policy then already lives there.
func (m *matcher) callsRetryLibrary(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if obj := m.info.ObjectOf(sel.Sel); obj != nil && obj.Pkg() != nil && obj.Pkg() != m.pass.Pkg && m.skipPackage(obj.Pkg().Path()) {
				found = true
			}
		}
		return !found
	})
	return found
}

// funcOf describes the function holding a node at cur.
func (m *matcher) funcOf(fn ast.Node) Func {
	f := Func{Node: fn}
	f.Body, f.Sig = code.FuncBody(m.info, fn)
	if fd, ok := fn.(*ast.FuncDecl); ok {
		f.Name = fd.Name.Name
	}
	return f
}

// ctxInScope returns the context variable a rewrite at pos should pass on:
// prefer is the one the operation uses; otherwise a variable named ctx, or
// the only context in scope.
func (m *matcher) ctxInScope(pos token.Pos, prefer *types.Var) *types.Var {
	if prefer != nil && prefer.Pos() < pos {
		return prefer // not one the loop body makes (actx := context.WithValue(ctx, ...))
	}
	scope := m.pass.Pkg.Scope().Innermost(pos)
	var found []*types.Var
	for s := scope; s != nil && s != m.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || v.Pos() >= pos || !code.IsContextType(v.Type()) {
				continue
			}
			if _, obj := scope.LookupParent(name, pos); obj != v {
				continue // hidden by another declaration
			}
			if name == "ctx" {
				return v
			}
			found = append(found, v)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return nil
}
