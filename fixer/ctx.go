package fixer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"
)

// ctxPlan is the context the rewrite passes to retry.Do.
type ctxPlan struct {
	arg   string // the argument: ctx, s.ctx, context.Background()
	param string // the closure's parameter name; "" for an unnamed one
}

// planCtx chooses the context: the one the wait watched; else, for a loop
// that ignored every context, context.Background(), or the context in scope
// when the user asked for it.
func (r *rewrite) planCtx(names *importNames) (ctxPlan, *onDonePlan, error) {
	if x := r.wait.Ctx; x != nil {
		if !r.invariant(x) || !isIdentOrSel(x) {
			return ctxPlan{}, nil, noFix("the wait watches a context the loop computes")
		}
		cp := ctxPlan{arg: r.nodeText(x)}
		if id, ok := ast.Unparen(x).(*ast.Ident); ok {
			cp.param = id.Name
		}
		r.changes = append(r.changes, changeDeadline)
		od, err := r.planOnDone()
		return cp, od, err
	}
	if r.opts.ScopeCtx {
		// The loop never watched a context: when this one ends, the function
		// returns the *InterruptedError (zero values for other results).
		if v := r.scopeCtx(); v != nil && r.errIndex() >= 0 {
			var zeros []string
			for i := 0; i < r.results.Len()-1; i++ {
				zeros = append(zeros, r.zeroText(r.results.At(i).Type(), names))
			}
			if !slices.Contains(zeros, "") {
				r.changes = append(r.changes, changeScopeCtx)
				return ctxPlan{arg: v.Name(), param: v.Name()}, &onDonePlan{returnD: true, zeros: zeros}, nil
			}
		}
	}
	return ctxPlan{arg: names.context + ".Background()"}, nil, nil
}

// scopeCtx returns the context.Context variable in scope at the loop: the
// one named ctx, else the innermost one.
func (r *rewrite) scopeCtx() *types.Var {
	pos := r.stmt.Pos()
	var found []*types.Var
	for s := r.pass.Pkg.Scope().Innermost(pos); s != nil && s != r.pass.Pkg.Scope(); s = s.Parent() {
		names := s.Names()
		sort.Strings(names)
		for _, n := range names {
			v, ok := s.Lookup(n).(*types.Var)
			if ok && v.Pos() < pos && isContextType(v.Type()) {
				found = append(found, v)
			}
		}
	}
	for _, v := range found {
		if v.Name() == "ctx" {
			return v
		}
	}
	if len(found) > 0 {
		return found[0]
	}
	return nil
}

func isContextType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// onDonePlan is the select case that ran when the context ended; after
// retry.Do it runs when D is an *InterruptedError.
type onDonePlan struct {
	stmts []ast.Stmt
	// ctxErrVar holds the context's error in a wait helper's if.
	ctxErrVar *types.Var
	// returnD replaces stmts: return the zero values and D.
	returnD bool
	zeros   []string
}

func (r *rewrite) planOnDone() (*onDonePlan, error) {
	od := &onDonePlan{}
	var body []ast.Stmt
	if r.wait.OnDone != nil {
		body = r.wait.OnDone.Body
	} else if v := r.helperIf(r.wait); v != nil {
		body = r.wait.Stmt.(*ast.IfStmt).Body.List
		od.ctxErrVar = v
	}
	for _, s := range body {
		if r.isTimerStop(s) {
			continue
		}
		od.stmts = append(od.stmts, s)
	}
	if len(od.stmts) == 0 {
		return nil, noFix("the loop goes on when the context ends")
	}
	if _, ok := od.stmts[len(od.stmts)-1].(*ast.ReturnStmt); !ok {
		return nil, noFix("the loop does not return when the context ends")
	}
	var err error
	for _, s := range od.stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BranchStmt:
				err = noFix("the loop jumps when the context ends")
			case *ast.CallExpr:
				if isCallTo(r.info, n, "context", "Cause") {
					err = noFix("the loop reads the context's cause when it ends")
				}
			case *ast.DeferStmt:
				err = noFix("a defer inside the loop would run after each attempt")
			}
			return err == nil
		})
	}
	return od, err
}

// render writes the statements that run after retry.Do when the context
// ended: the select case, reading the context's error and the last error
// from the *InterruptedError.
func (o *onDonePlan) render(r *rewrite, p *plan, names *importNames) ([]string, error) {
	if o.returnD {
		if len(o.zeros) == 0 && r.postKey(errClass, p) == "D" {
			return nil, nil // the code after the loop returns D already
		}
		ret := "return " + strings.Join(append(o.zeros, p.dName), ", ")
		return []string{"if _, ok := " + p.dName + ".(*" + names.retry + ".InterruptedError); ok {\n" + ret + "\n}"}, nil
	}
	ie, ok := "ie", "ok"
	for _, s := range o.stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			if id, isID := n.(*ast.Ident); isID {
				switch id.Name {
				case "ie":
					ie = "interrupted"
				case "ok":
					ok = "isInterrupted"
				}
			}
			return true
		})
	}
	var body []string
	for _, s := range o.stmts {
		bare := false
		ast.Inspect(s, func(n ast.Node) bool {
			if ret, isRet := n.(*ast.ReturnStmt); isRet && len(ret.Results) == 0 && r.results.Len() > 0 {
				bare = true
			}
			_, lit := n.(*ast.FuncLit)
			return !lit
		})
		if bare && p.assignD {
			// The named error would hold retry.Do's result, not the loop's.
			return nil, noFix("the loop returns its named results when the context ends")
		}
		text, err := r.substitute(s, p, ie, o.ctxErrVar)
		if err != nil {
			return nil, err
		}
		body = append(body, text)
	}
	head := "if " + ie + ", " + ok + " := " + p.dName + ".(*" + names.retry + ".InterruptedError); " + ok + " {"
	return []string{head + "\n" + strings.Join(body, "\n") + "\n}"}, nil
}

// substitute returns the source of s, where the context's error becomes the
// one recorded by the *InterruptedError and the last error its Err.
func (r *rewrite) substitute(s ast.Stmt, p *plan, ie string, ctxErrVar *types.Var) (string, error) {
	type repl struct {
		pos, end token.Pos
		text     string
	}
	var repls []repl
	var err error
	ast.Inspect(s, func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if x, ok := isMethodCall(r.info, n, "Err"); ok && sameExpr(r.info, x, r.wait.Ctx) && len(n.Args) == 0 {
				repls = append(repls, repl{n.Pos(), n.End(), ie + "." + interruptedCtxErr})
				return false
			}
		case *ast.Ident:
			obj := r.info.Uses[n]
			if obj == nil {
				return true
			}
			switch {
			case ctxErrVar != nil && obj == types.Object(ctxErrVar):
				repls = append(repls, repl{n.Pos(), n.End(), ie + "." + interruptedCtxErr})
			case obj == types.Object(p.errVar) && (p.assignD || r.isLocal(obj)):
				repls = append(repls, repl{n.Pos(), n.End(), ie + ".Err"})
			case r.isLocal(obj):
				err = noFix("the loop uses a value of the attempt when the context ends")
			}
		}
		return true
	})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	last := s.Pos()
	for _, x := range repls {
		b.WriteString(r.text(last, x.pos))
		b.WriteString(x.text)
		last = x.end
	}
	b.WriteString(r.text(last, s.End()))
	return b.String(), nil
}

// interruptedCtxErr is the field of *retry.InterruptedError that holds the
// context's error.
const interruptedCtxErr = "CtxErr"
