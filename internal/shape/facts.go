package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/retrylint/retrylint/internal/code"
)

// WaitHelper is the fact that a function only waits: it sleeps for one of its
// duration parameters, or until its context ends, and does nothing else that
// a retry loop would have to keep. A call of such a function between two
// attempts is a wait, wherever the function is declared.
type WaitHelper struct {
	// Delay is the index of the duration parameter (counting a method's
	// receiver as not a parameter); -1 when the function computes its delay.
	Delay int
	// Ctx is the index of the context.Context parameter; -1 when none.
	Ctx int
	// Stop is the index of a channel parameter whose receive also ends
	// the wait early (pause(stop, d) reports true when stop closed); -1
	// when none. A loop that leaves on that report is bounded by the
	// channel, as by a select case on it.
	Stop int
	// StopReports reports that the helper has one bool result, true exactly
	// when its stop channel ended the wait (case <-stop: return true; case
	// <-t.C: return false): a loop that returns when it says so is stopped
	// by the channel as retry.WaitsEndOn stops a call.
	StopReports bool
	// ReturnsCtxErr reports that the helper returns a single error that is
	// nil when its wait ran out and its context parameter's Err() otherwise:
	// a non-nil result then says exactly that the context ended. The fixer
	// needs it to carry `if err := sleep(ctx, d); err != nil { ... }`, also
	// for helpers of other packages, whose bodies it cannot see.
	ReturnsCtxErr bool
}

// AFact marks WaitHelper as an analysis fact.
func (*WaitHelper) AFact() {}

// String names the fact in test expectations: // want Name:"waits".
func (w *WaitHelper) String() string { return "waits" }

// helperFact returns what is known about obj as a wait helper, from this
// package's analysis or from a fact of the package that declares it.
func (m *matcher) helperFact(obj types.Object) *WaitHelper {
	if h, ok := m.helpers[obj]; ok {
		return h
	}
	if obj == nil || obj.Pkg() == nil || obj.Pkg() == m.pass.Pkg {
		return nil
	}
	var h WaitHelper
	if m.pass.ImportObjectFact(obj, &h) {
		return &h
	}
	return nil
}

// findHelpers finds this package's wait helpers and exports their facts.
// Two rounds let a helper that calls another helper be found too.
func (m *matcher) findHelpers() {
	for _, f := range m.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) != len(vs.Values) {
					continue
				}
				for i, name := range vs.Names {
					// var sleep = time.Sleep: a seam that tests replace.
					v, _ := m.info.Defs[name].(*types.Var)
					fn, _ := m.info.Uses[selOrIdent(vs.Values[i])].(*types.Func)
					if v != nil && fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "Sleep" {
						m.helpers[v] = &WaitHelper{Delay: 0, Ctx: -1, Stop: -1}
					}
				}
			}
		}
	}
	for round := 0; round < 2; round++ {
		before := len(m.helpers)
		for _, f := range m.pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				obj, _ := m.info.Defs[fd.Name].(*types.Func)
				if obj == nil || m.helpers[obj] != nil {
					continue
				}
				if h := m.helperOf(fd); h != nil {
					m.helpers[obj] = h
				}
			}
		}
		if len(m.helpers) == before {
			break // a round that found none has nothing new to build on: the next would find none either
		}
	}
	for obj, h := range m.helpers {
		m.pass.ExportObjectFact(obj, h)
	}
}

func selOrIdent(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

// helperOf reports whether fd only waits: one wait, plus statements that
// compute its delay or return, and nothing with an effect a retry loop
// would have to keep.
func (m *matcher) helperOf(fd *ast.FuncDecl) *WaitHelper {
	list := fd.Body.List
	if len(list) == 0 || len(list) > 8 {
		return nil
	}
	var wait *Wait
	setup := map[ast.Stmt]bool{}
	for i, s := range list {
		if w := m.waitOf(s, list[:i]); w != nil {
			if wait != nil {
				return nil
			}
			wait = w
			for _, st := range w.Setup {
				setup[st] = true
			}
		}
	}
	if wait == nil {
		return nil
	}
	for _, s := range list {
		if s == wait.Stmt || setup[s] {
			continue
		}
		if !m.harmless(s, fd) {
			return nil
		}
	}
	params := code.Params(m.info, fd.Type)
	stop := -1
	if len(wait.Other) > 0 {
		// It also waits for another channel: a stop signal it was given,
		// when that is the only other one.
		if len(wait.Other) > 1 || wait.Ctx != nil {
			return nil
		}
		ch := code.Var(m.info, recvChan(wait.Other[0].Comm))
		if stop = slices.Index(params, ch); ch == nil || stop < 0 {
			return nil
		}
	}
	if sel, ok := wait.Stmt.(*ast.SelectStmt); ok {
		for _, c := range sel.Body.List {
			for _, s := range c.(*ast.CommClause).Body {
				if !m.harmless(s, fd) {
					return nil
				}
			}
		}
	}
	h := &WaitHelper{Delay: -1, Ctx: -1, Stop: stop}
	if stop >= 0 {
		h.StopReports = m.stopReports(fd, wait)
	}
	for i, p := range params {
		if p == nil {
			continue
		}
		if wait.Delay != nil && code.Var(m.info, wait.Delay) == p {
			h.Delay = i
		}
		if wait.Ctx == p {
			h.Ctx = i
		}
	}
	if h.Ctx >= 0 {
		h.ReturnsCtxErr = m.returnsCtxErr(fd, params[h.Ctx])
	}
	return h
}

// returnsCtxErr reports whether fd has one error result and every return
// in its body yields nil or ctx.Err().
func (m *matcher) returnsCtxErr(fd *ast.FuncDecl, ctx *types.Var) bool {
	res := fd.Type.Results
	if res == nil || len(res.List) != 1 || len(res.List[0].Names) > 1 || !code.IsError(m.info.TypeOf(res.List[0].Type)) {
		return false
	}
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false // a bare return of a named result
				return false
			}
			r := ast.Unparen(n.Results[0])
			if code.IsNil(m.info, r) {
				return false
			}
			call, isCall := r.(*ast.CallExpr)
			if !isCall || len(call.Args) != 0 {
				ok = false
				return false
			}
			sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !isSel || sel.Sel.Name != "Err" || code.Var(m.info, sel.X) != ctx {
				ok = false
			}
			return false
		}
		return ok
	})
	return ok
}

// harmless reports whether s, in a wait helper fd, only computes local
// values or returns them.
func (m *matcher) harmless(s ast.Stmt, fd *ast.FuncDecl) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		for _, r := range s.Results {
			if !m.pure(r) {
				return false
			}
		}
		return true
	case *ast.AssignStmt:
		for _, l := range s.Lhs {
			v := code.Var(m.info, l)
			if v == nil || !code.DeclaredIn(v, fd) {
				return false // assigns something that outlives the call
			}
		}
		for _, r := range s.Rhs {
			if !m.pure(r) {
				return false
			}
		}
		return true
	case *ast.IfStmt:
		if s.Init != nil && !m.harmless(s.Init, fd) || !m.pure(s.Cond) {
			return false
		}
		for _, b := range s.Body.List {
			if !m.harmless(b, fd) {
				return false
			}
		}
		if s.Else != nil {
			return m.harmless(s.Else, fd)
		}
		return true
	case *ast.BlockStmt:
		for _, b := range s.List {
			if !m.harmless(b, fd) {
				return false
			}
		}
		return true
	case *ast.EmptyStmt:
		return true
	}
	return false
}

// pure reports whether e calls nothing but conversions, min/max/len,
// math and math/rand functions, time.Duration methods and ctx.Err().
func (m *matcher) pure(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !ok || !isCall {
			return ok
		}
		if code.IsConversion(m.info, call) || code.BuiltinName(m.info, call) != "" {
			return true
		}
		if p, _, isFn := code.PkgFunc(m.info, call); isFn {
			switch p {
			case "math", "math/rand", "math/rand/v2", "context", "errors", "fmt":
				return true
			}
			ok = false
			return false
		}
		if fn := code.Method(m.info, call); fn != nil {
			if pp, name := code.RecvNamed(fn); pp == "time" && name == "Duration" {
				return true
			}
			if fn.Name() == "Err" {
				return true
			}
		}
		ok = false
		return false
	})
	return ok
}

// stopReports reports whether fd, a helper whose wait is a select on a timer
// and its stop channel, returns one bool, and nothing but true from the stop
// channel's case and false from the timer's, the wait being its last
// statement.
func (m *matcher) stopReports(fd *ast.FuncDecl, wait *Wait) bool {
	res := fd.Type.Results
	if res == nil || len(res.List) != 1 || len(res.List[0].Names) > 1 || !types.Identical(m.info.TypeOf(res.List[0].Type), types.Typ[types.Bool]) {
		return false
	}
	sel, ok := wait.Stmt.(*ast.SelectStmt)
	if !ok || fd.Body.List[len(fd.Body.List)-1] != wait.Stmt {
		return false
	}
	for _, c := range sel.Body.List {
		cc := c.(*ast.CommClause)
		if len(cc.Body) != 1 {
			return false
		}
		ret, ok := cc.Body[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return false
		}
		id, ok := ast.Unparen(ret.Results[0]).(*ast.Ident)
		if !ok {
			return false
		}
		c, ok := m.info.Uses[id].(*types.Const)
		if !ok || c.Pkg() != nil {
			return false // true and false of the universe only
		}
		if want := isOther(wait, cc); id.Name != map[bool]string{true: "true", false: "false"}[want] {
			return false
		}
	}
	return true
}
