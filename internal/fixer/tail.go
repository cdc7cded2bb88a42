package fixer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// tailPlan is the code that uses the outcome of the call: where the loop
// went after each of its exits, written after the call.
type tailPlan struct {
	// ret reports that the call's results are the function's: return
	// retry.Do(...).
	ret bool
	// lhs are the variables the call's results go to.
	lhs []string
	// stmts are the statements after the call.
	stmts []string
	// through is the last statement the rewrite replaces after the loop:
	// the code after the loop that the tail takes in (a return).
	through ast.Stmt
	// interrupt is the option that makes the call return on the end of the
	// context what the loop returned then (ReturnCtxErr, ReturnLastErr).
	interrupt string
	// onDone are statements the success exit runs that read the counter,
	// for an OnDone hook.
	onDone []ast.Stmt
	// stop is the option that watches the loop's stop channel, and decls
	// declare what it keeps before the call (see stopPlan).
	stop  string
	decls []string
}

// exitCode is an exit written for the tail: its statements, and its return
// (or "" when the code after the loop runs next).
type exitCode struct {
	stmts []string
	ret   string
	// aborts reports that the last of stmts ends the program or the test
	// (t.Fatal(err)): the code after it never runs.
	aborts bool
}

// lines are the exit's statements and its return, if any.
func (e exitCode) lines() []string {
	if e.ret == "" {
		return e.stmts
	}
	return append(e.stmts[:len(e.stmts):len(e.stmts)], e.ret)
}

func (e exitCode) same(f exitCode) bool {
	return e.ret == f.ret && e.aborts == f.aborts && strings.Join(e.stmts, "\n") == strings.Join(f.stmts, "\n")
}

// tail writes what the code does with the call's outcome. The call returns
// nil on success, the error it gave up on, or the last error; the tail tells
// them apart only where the loop did different things, testing the error
// again with the predicate the loop used.
func (x *renderer) tail(cx ctxPlan, clo closurePlan) (tailPlan, error) {
	r := x.r
	var t tailPlan
	errName := r.Op.Err.Name()
	succ, err := x.exitText(r.Exits.Success, false)
	if err != nil {
		return t, err
	}
	if r.Exits.Success.ReadsCounter {
		// statements of the success exit that read the counter go to an
		// OnDone hook; the rest stays
		if succ.ret != "" && x.usesAny(r.Bound.Counter.Var, r.Exits.Success.Return) {
			return t, noFix(shape.ReasonCounterRead)
		}
		succ.stmts = nil
		for _, s := range r.Exits.Success.Stmts {
			if code.Uses(x.info, s, r.Bound.Counter.Var) {
				t.onDone = append(t.onDone, s)
			} else if len(t.onDone) > 0 {
				return t, noFix(shape.ReasonCounterRead)
			} else {
				succ.stmts = append(succ.stmts, x.stmtText(s))
			}
		}
	}
	exh, err := x.exitText(r.Exits.Exhausted, true)
	if err != nil {
		return t, err
	}
	// When the code after the loop is one return, every exit that goes on
	// after the loop takes it: the tail takes it in.
	var afterRet *ast.ReturnStmt
	if after := r.Loop.After; len(after) == 1 {
		afterRet, _ = after[0].(*ast.ReturnStmt)
	}
	absorb := func(e *exitCode) {
		if afterRet != nil && e.ret == "" {
			e.ret, t.through = x.exitRet(afterRet), afterRet
		}
	}
	absorb(&succ)
	absorb(&exh)
	if r.Bound.Kind == shape.Unbounded {
		exh = exitCode{} // never taken: only the context or an error ends it
	}
	// The exit on the end of the context: the same as the exhausted one
	// once the call returns what the loop returned then, or a branch of its
	// own.
	var ctxBranch string
	if in := r.Exits.Interrupted; in != nil {
		if in.ReadsCounter {
			return t, noFix(shape.ReasonCounterRead)
		}
		in = x.interruptExit()
		ic, err := x.exitText(*in, false)
		if err != nil {
			return t, err
		}
		absorb(&ic)
		mode := x.interruptMode(*in)
		switch {
		case r.Bound.Kind == shape.Unbounded && mode != "":
			exh, t.interrupt = x.asErr(*in), mode
			absorb(&exh)
		case ic.same(exh):
			t.interrupt = x.names.retry + ".ReturnLastErr()"
		case mode != "" && x.asErr(*in).same(exh):
			t.interrupt = mode
		case x.endsFunc(ic) && r.Bound.Kind == shape.Unbounded && len(r.Classes) == 0:
			// return at the end of the function: nothing to do when the
			// context ends, which is all that stops the call but success
			// and the errors given up on
		default:
			b, err := x.ctxBranch(*in)
			if err != nil {
				return t, err
			}
			ctxBranch = b
		}
	}
	// The classes the code gives up on, where their exit differs from the
	// exhausted one.
	var kept []shape.Class
	var gc []exitCode
	for _, c := range r.Classes {
		if c.Exit.ReadsCounter {
			return t, noFix(shape.ReasonCounterRead) // no counter after the call
		}
		g, err := x.giveUpText(c.Exit)
		if err != nil {
			return t, err
		}
		if !g.aborts {
			absorb(&g)
		}
		if g.same(exh) {
			continue
		}
		if _, err := x.giveUpTest(c); err != nil {
			return t, err
		}
		kept = append(kept, c)
		gc = append(gc, g)
	}
	for _, g := range gc {
		if !g.aborts && (g.ret == "" && len(g.stmts) > 0 || g.ret == "" && exh.ret != "") {
			return t, noFix(shape.ReasonGiveUpFalls)
		}
	}
	// An error given up on that ends the test or the program (t.Fatal(err))
	// gets a test of its own, first: nothing after it runs.
	if ctxBranch == "" && t.interrupt == "" {
		for i := 0; i < len(kept); {
			if !gc[i].aborts {
				i++
				continue
			}
			init, cond, err := x.giveUpParts(kept[i])
			if err != nil {
				return t, err
			}
			if init != "" {
				init += "; "
			}
			t.stmts = append(t.stmts, "if "+init+errName+" != nil && "+andOperand(cond)+" {\n"+strings.Join(gc[i].lines(), "\n")+"\n}")
			kept, gc = slices.Delete(kept, i, i+1), slices.Delete(gc, i, i+1)
		}
	}
	// With ReturnCtxErr the call returns ctx.Err() itself, which the tests
	// of the errors given up on would test too: the end of the context
	// gets a branch of its own before them, and of an endless retry the
	// last error given up on is all that remains after it.
	if in := r.Exits.Interrupted; in != nil && len(kept) > 0 && t.interrupt == x.names.retry+".ReturnCtxErr()" {
		b, err := x.ctxBranch(*in)
		if err != nil {
			return t, err
		}
		t.interrupt, ctxBranch = "", b
		if r.Bound.Kind == shape.Unbounded {
			n := len(kept)
			exh, kept, gc = gc[n-1], kept[:n-1], gc[:n-1]
		}
	}
	// With nothing but success, the errors given up on and the context to
	// end the retries, the last error exit needs no test of its own.
	if r.Bound.Kind == shape.Unbounded && r.Exits.Interrupted == nil && exh.ret == "" && len(exh.stmts) == 0 {
		switch n := len(kept); {
		case n == 0:
			// Only success ends it: the call returns nil, so a return of
			// nil may return the call's error.
			t.stmts = append(t.stmts, succ.stmts...)
			if succ.ret != "" {
				if ret := r.Exits.Success.Return; ret != nil && len(ret.Results) > 0 && code.IsNil(x.info, ret.Results[len(ret.Results)-1]) && len(succ.stmts) == 0 {
					last := ret.Results[len(ret.Results)-1]
					succ.ret = x.text(ret.Pos(), last.Pos()) + errName + x.text(last.End(), ret.End())
				}
				t.stmts = append(t.stmts, succ.ret)
			}
			x.results(&t, clo)
			return t, nil
		default:
			exh, kept, gc = gc[n-1], kept[:n-1], gc[:n-1]
		}
	}
	if err := x.checkGuards(exh, kept, ctxBranch); err != nil {
		return t, err
	}
	branches := func() []string {
		var out []string
		if ctxBranch != "" {
			out = append(out, ctxBranch)
		}
		for i, c := range kept {
			cond, _ := x.giveUpTest(c)
			out = append(out, "if "+cond+" {\n"+strings.Join(gc[i].lines(), "\n")+"\n}")
		}
		return out
	}
	errBranch := func(body []string) string {
		return "if " + errName + " != nil {\n" + strings.Join(body, "\n") + "\n}"
	}
	switch {
	case succ.ret != "" && exh.ret != "":
		// Every exit returns.
		switch {
		case len(kept) == 0 && ctxBranch == "" && len(exh.stmts) == 0 && len(succ.stmts) == 0 && x.sameUpToErr(succ.ret, exh.ret, errName):
			t.stmts = append(t.stmts, exh.ret)
		case len(kept) > 0 && ctxBranch == "" && len(exh.stmts) == 0 && len(succ.stmts) == 0 && leaveAs(gc, succ):
			// The errors the code gives up on leave as success does
			// (return v, err): test for the exhausted attempts instead.
			init, tests, err := x.anyGiveUp(kept, errName, errName)
			if err != nil {
				return tailPlan{}, err
			}
			if init != "" {
				init += "; "
			}
			t.stmts = append(t.stmts, "if "+init+errName+" != nil && "+negate(tests)+" {\n"+exh.ret+"\n}", succ.ret)
		case len(kept) == 0 && ctxBranch == "" && exh.same(succ):
			// The error goes where success goes (synC <- &result{c,
			// err}; return): no test of it.
			t.stmts = append(t.stmts, succ.stmts...)
			if !x.endsFunc(exitCode{ret: succ.ret}) {
				t.stmts = append(t.stmts, succ.ret)
			}
		default:
			t.stmts = append(t.stmts, errBranch(append(append(branches(), exh.stmts...), exh.ret)))
			t.stmts = append(t.stmts, succ.stmts...)
			t.stmts = append(t.stmts, succ.ret)
		}
	case succ.ret != "":
		// The attempts that run out go on after the loop: leave on
		// success first, unless leaving is all the code after the call
		// does either way.
		rest := append(branches(), exh.stmts...)
		bare := exitCode{ret: succ.ret}
		switch {
		case len(rest) > 0 || !x.endsFunc(bare):
			t.stmts = append(t.stmts, "if "+errName+" == nil {\n"+strings.Join(append(succ.stmts, succ.ret), "\n")+"\n}")
		case len(succ.stmts) > 0:
			t.stmts = append(t.stmts, "if "+errName+" == nil {\n"+strings.Join(succ.stmts, "\n")+"\n}")
		}
		t.stmts = append(t.stmts, rest...)
	case exh.ret != "":
		t.stmts = append(t.stmts, errBranch(append(append(branches(), exh.stmts...), exh.ret)))
		t.stmts = append(t.stmts, succ.stmts...)
	default:
		// Both go on after the loop.
		if len(kept) > 0 || ctxBranch != "" || len(exh.stmts) > 0 {
			t.stmts = append(t.stmts, errBranch(append(branches(), exh.stmts...)))
		}
		t.stmts = append(t.stmts, x.successStmts(succ, errName)...)
	}
	x.results(&t, clo)
	return t, nil
}

// endsFunc reports whether an exit is a bare return that the function would
// make anyway at the loop's end: the loop is the last statement of a
// function without results.
func (x *renderer) endsFunc(e exitCode) bool {
	r := x.r
	list := r.Func.Body.List
	return len(e.stmts) == 0 && strings.TrimSpace(e.ret) == "return" && len(r.Loop.After) == 0 &&
		r.Func.Sig.Results().Len() == 0 && len(list) > 0 && list[len(list)-1] == r.Loop.Outer()
}

// leaveAs reports whether every exit of gc is e.
func leaveAs(gc []exitCode, e exitCode) bool {
	for _, g := range gc {
		if !g.same(e) {
			return false
		}
	}
	return true
}

// successStmts writes the statements the success exit runs, in a test of
// the error when they come before the code after the loop.
func (x *renderer) successStmts(succ exitCode, errName string) []string {
	if len(succ.stmts) == 0 {
		return nil
	}
	return []string{"if " + errName + " == nil {\n" + strings.Join(succ.stmts, "\n") + "\n}"}
}

// exitText writes an exit: its statements and its return, with the error's
// mirrors read as the error, and, for the exhausted exit, the counter as
// the number of attempts made.
func (x *renderer) exitText(e shape.Exit, exhausted bool) (exitCode, error) {
	var out exitCode
	if e.Abort != nil && !exhausted {
		return out, noFix(shape.ReasonNoReturnExit)
	}
	if e.ReadsCounter && !exhausted {
		return exitCode{stmts: x.texts(e.Stmts), ret: x.retText(e.Return)}, nil // the caller decides
	}
	repl := x.mirrorRepl()
	var counter map[*types.Var]string
	if e.ReadsCounter {
		text, err := x.exhaustedCounter()
		if err != nil {
			return out, err
		}
		counter = map[*types.Var]string{x.r.Bound.Counter.Var: text}
	}
	for v, s := range counter {
		repl[v] = s
	}
	for _, s := range e.Stmts {
		out.stmts = append(out.stmts, x.subst(s, repl))
	}
	if e.Return != nil {
		out.ret = x.subst(e.Return, repl)
	}
	out.aborts = e.Abort != nil
	if x.readsBodyLocal(e) {
		return out, noFix(shape.ReasonExitLocal)
	}
	return out, nil
}

// giveUpText writes the exit of an error the code gives up on. One that
// ends the test or the program (t.Fatal(err)) is kept as it is: after the
// call, the test of the error leads to the same call, which ends it at the
// same point.
func (x *renderer) giveUpText(e shape.Exit) (exitCode, error) {
	aborts := e.Abort != nil
	e.Abort = nil
	g, err := x.exitText(e, false)
	g.aborts = aborts
	return g, err
}

func (x *renderer) texts(stmts []ast.Stmt) []string {
	var out []string
	for _, s := range stmts {
		out = append(out, x.stmtText(s))
	}
	return out
}

func (x *renderer) retText(r *ast.ReturnStmt) string {
	if r == nil {
		return ""
	}
	return x.subst(r, x.mirrorRepl())
}

// exitRet writes a return of the code after the loop, which reads the
// error's mirrors as the error.
func (x *renderer) exitRet(r *ast.ReturnStmt) string { return x.retText(r) }

// mirrorRepl replaces the error's mirrors (lastErr) by the error.
func (x *renderer) mirrorRepl() map[*types.Var]string {
	repl := map[*types.Var]string{}
	for _, m := range x.r.Mirrors {
		repl[m] = x.r.Op.Err.Name()
	}
	return repl
}

// exhaustedCounter writes the counter's value once the attempts ran out.
func (x *renderer) exhaustedCounter() (string, error) {
	r := x.r
	c := r.Bound.Counter
	a := r.Bound.Attempts
	// Only for a constant limit: with a limit below 1 the loop counted the
	// one attempt it made, where the limit would say less.
	if c == nil || c.Step != 1 || !a.IsConst {
		return "", noFix(shape.ReasonCounterRead)
	}
	off := c.Exhausted
	n := shape.Attempts{Limit: a.Limit, Offset: a.Offset + off, Const: a.Const + off, IsConst: a.IsConst}
	return x.attemptsText(n), nil
}

// readsBodyLocal reports whether an exit reads a variable declared in the
// loop body other than the operation's results: after the call, it no
// longer exists.
func (x *renderer) readsBodyLocal(e shape.Exit) bool {
	body := x.r.Loop.Body
	found := false
	check := func(n ast.Node) {
		ast.Inspect(n, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok {
				if v, ok := x.info.Uses[id].(*types.Var); ok && code.DeclaredIn(v, body) && !x.isResult(v) && !code.DeclaredIn(v, n) && (x.r.Wait == nil || v != x.r.Wait.Result) {
					found = true
				}
			}
			return !found
		})
	}
	for _, s := range e.Stmts {
		check(s)
	}
	if e.Return != nil {
		check(e.Return)
	}
	return found
}

func (x *renderer) isResult(v *types.Var) bool {
	for _, r := range x.r.Op.Results {
		if r == v {
			return true
		}
	}
	return false
}

// sameUpToErr reports whether a return of the success exit says what a
// return of an error exit says once the error is nil: return v, nil and
// return v, err.
func (x *renderer) sameUpToErr(succ, fail, errName string) bool {
	s, f := norm(succ), norm(fail)
	if s == f {
		return true
	}
	return strings.ReplaceAll(f, errName, "nil") == s && strings.Count(f, errName) == 1 && strings.HasSuffix(f, errName)
}

// asErr writes the interrupted exit with ctx.Err() read as the error, as the
// call returns it with ReturnCtxErr.
func (x *renderer) asErr(in shape.Exit) exitCode {
	var out exitCode
	ctxErr := func(n ast.Node) string {
		return x.rewrite(n, x.mirrorRepl(), func(e ast.Expr) (string, bool) {
			if x.isCtxErr(e) {
				return x.r.Op.Err.Name(), true
			}
			return "", false
		})
	}
	for _, s := range in.Stmts {
		out.stmts = append(out.stmts, ctxErr(s))
	}
	if in.Return != nil {
		out.ret = ctxErr(in.Return)
	}
	return out
}

// isCtxErr reports whether e is ctx.Err() for the context the wait watched,
// or the error of a wait helper that returns it.
func (x *renderer) isCtxErr(e ast.Expr) bool {
	if w := x.r.Wait; w != nil && w.Result != nil && code.Var(x.info, e) == w.Result {
		return true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	fn := code.Method(x.info, call)
	if fn == nil || fn.Name() != "Err" {
		return false
	}
	sel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	v := code.Var(x.info, sel.X)
	return v != nil && (x.r.Wait != nil && v == x.r.Wait.Ctx || v == x.r.Exits.Ctx)
}

// interruptExit is where the loop goes when its context ends: the exit the
// model says, or, when that exit just leaves the loop and the code after it
// is one return (for ctx.Err() == nil { ... }; return ctx.Err()), that
// return.
func (x *renderer) interruptExit() *shape.Exit {
	in := x.r.Exits.Interrupted
	if in == nil || in.Return != nil || len(in.Stmts) > 0 || len(x.r.Loop.After) != 1 {
		return in
	}
	ret, ok := x.r.Loop.After[0].(*ast.ReturnStmt)
	if !ok {
		return in
	}
	leave := *in
	leave.Return = ret
	return &leave
}

// interruptMode returns the option that makes the call return, when the
// context ends, what the interrupted exit returns: ctx.Err() or the last
// error. It is "" when the exit reads the error in any other way.
func (x *renderer) interruptMode(in shape.Exit) string {
	if in.Return == nil || len(in.Stmts) > 0 {
		return ""
	}
	readsCtxErr, readsErr := false, false
	ast.Inspect(in.Return, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && x.isCtxErr(e) {
			readsCtxErr = true
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := x.info.Uses[id].(*types.Var); ok && (v == x.r.Op.Err || hasVarIn(x.r.Mirrors, v)) {
				readsErr = true
			}
		}
		return true
	})
	switch {
	case readsCtxErr && !readsErr:
		return x.names.retry + ".ReturnCtxErr()"
	case readsErr && !readsCtxErr:
		return x.names.retry + ".ReturnLastErr()"
	}
	return ""
}

func hasVarIn(list []*types.Var, v *types.Var) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// giveUpTest writes the test that tells an error the loop gave up on, after
// the call: the class's condition, true when it gives up.
func (x *renderer) giveUpTest(c shape.Class) (string, error) {
	init, cond, err := x.giveUpParts(c)
	if init != "" {
		return init + "; " + cond, err
	}
	return cond, err
}

// giveUpParts is giveUpTest in two parts: the assignment the test needs
// first (t, ok := err.(T), code := status.Code(err)), "" when none, and the
// condition.
func (x *renderer) giveUpParts(c shape.Class) (init, cond string, err error) {
	cond = x.condText(c.Cond)
	if !c.GiveUpWhen {
		cond = x.negText(c.Cond)
	}
	switch {
	case len(c.Decls) == 0:
		return "", cond, nil
	case len(c.Decls) == 1:
		if as, ok := c.Decls[0].(*ast.AssignStmt); ok {
			return x.nodeText(as), cond, nil
		}
	}
	return "", "", noFix(shape.ReasonClassUnknown)
}

// anyGiveUp writes one test that holds when the code gives up on the error
// at once, for an if that negates it (a hook that runs on the other
// failures): the assignment it needs first, "" when none, and the
// disjunction of the classes' tests. Two tests that each need an assignment
// do not make one if.
func (x *renderer) anyGiveUp(classes []shape.Class, errName, with string) (init, cond string, err error) {
	var tests []string
	for _, c := range classes {
		i, t, err := x.giveUpParts(c)
		if err != nil {
			return "", "", err
		}
		if i != "" {
			if init != "" {
				return "", "", noFix(shape.ReasonClassUnknown)
			}
			init = replaceIdent(i, errName, with)
		}
		tests = append(tests, replaceIdent(t, errName, with))
	}
	return init, strings.Join(tests, " || "), nil
}

// andOperand writes a condition's text as an operand of &&: in parentheses
// when it is a disjunction.
func andOperand(cond string) string {
	cond = strings.TrimSpace(cond)
	if e, err := parser.ParseExpr(cond); err == nil {
		if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.LOR {
			return "(" + cond + ")"
		}
	}
	return cond
}

// negate writes the negation of a condition's text.
func negate(cond string) string {
	cond = strings.TrimSpace(cond)
	e, err := parser.ParseExpr(cond)
	if err != nil {
		return "!(" + cond + ")"
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			// !errors.Is(err, x) negated is errors.Is(err, x), not
			// !(!errors.Is(err, x)).
			// A caller joins the result with &&: an operand that is
			// not a single one keeps its parentheses (!(a || b) is
			// (a || b)).
			return cond[int(e.X.Pos())-1 : int(e.X.End())-1]
		}
	case *ast.Ident, *ast.CallExpr, *ast.SelectorExpr, *ast.IndexExpr, *ast.ParenExpr:
		return "!" + cond
	}
	return "!(" + cond + ")"
}

// results decides where the call's results go: straight out of the
// function (return retry.Do(...)), or into the variables the tail and the
// code after the loop read.
func (x *renderer) results(t *tailPlan, clo closurePlan) {
	r := x.r
	if t.through == nil && len(r.Loop.After) > 0 && x.allExitsLeave() {
		// Every way out of the loop returns (for i := 0; i < 3; i++ {
		// ...; if i == 2 { return err } }): the code after it never ran,
		// and after a tail that returns it would not compile (go vet:
		// unreachable code; a deleted variable it reads).
		t.through = r.Loop.After[len(r.Loop.After)-1]
	}
	errName := r.Op.Err.Name()
	var names []string
	if clo.value != nil {
		names = append(names, clo.value.Name())
	}
	names = append(names, errName)
	// if err != nil { return err } before a last return nil says return
	// err, and the return nil goes with the loop.
	if after := r.Loop.After; t.through == nil && clo.value == nil && len(after) == 1 && len(t.stmts) == 1 &&
		norm(t.stmts[0]) == norm("if "+errName+" != nil { return "+errName+" }") && x.returnsNil(after[0]) {
		t.through, t.stmts = after[0], []string{"return " + errName}
	}
	// return retry.Do(...): the tail is one return of exactly the call's
	// results, in the function's order.
	if len(t.stmts) == 1 {
		if ret := "return " + strings.Join(names, ", "); norm(t.stmts[0]) == ret && x.resultsMatch(clo) {
			t.ret, t.stmts = true, nil
			return
		}
	}
	// A result that nothing after the call reads is dropped (_), as a
	// variable the loop body declared for itself would be.
	for i, v := range x.callResults(clo) {
		if v != nil && code.DeclaredIn(v, r.Loop.Body) && !x.readAfter(v, t) {
			names[i] = "_"
		}
	}
	t.lhs = names
}

// callResults are the variables of the call's results, in order.
func (x *renderer) callResults(clo closurePlan) []*types.Var {
	var out []*types.Var
	if clo.value != nil {
		out = append(out, clo.value)
	}
	return append(out, x.r.Op.Err)
}

// readAfter reports whether the tail reads v (by name: its text is what the
// tail is).
func (x *renderer) readAfter(v *types.Var, t *tailPlan) bool {
	re := regexp.MustCompile(`(^|[^\w.])` + regexp.QuoteMeta(v.Name()) + `\b`)
	for _, s := range t.stmts {
		if re.MatchString(s) {
			return true
		}
	}
	return len(t.onDone) > 0 && v == x.r.Op.Err
}

// declaration decides whether the call declares the variables of its
// results (:=) or assigns them (=). It declares those the loop body declared
// and those whose declaration before the loop the fix deletes; any other
// must belong to the loop's own block, where := assigns it. A name the call
// declares, or that the fix declares before it for a value the closure
// assigns (clo.held), must name nothing else where the loop stands.
func (x *renderer) declaration(clo closurePlan) (bool, error) {
	r := x.r
	scope := x.blockScope()
	pos := r.Loop.Outer().Pos()
	var fresh, kept, declared []*types.Var
	for _, v := range r.Op.Results {
		switch {
		case v == nil:
		case code.DeclaredIn(v, r.Loop.Body) || x.scaffoldDeclares(v):
			if hasVarIn(clo.held, v) {
				declared = append(declared, v)
			} else {
				fresh = append(fresh, v)
			}
		case !hasVarIn(clo.held, v):
			kept = append(kept, v)
		}
	}
	if err := x.namesFree(scope, pos, declared); err != nil {
		return false, err
	}
	if len(fresh) == 0 {
		return false, nil
	}
	for _, v := range kept {
		if scope == nil || v.Parent() != scope {
			return false, noFix(shape.ReasonNameTaken)
		}
	}
	return true, x.namesFree(scope, pos, fresh)
}

// namesFree checks that the names of vars, which the fix declares where the
// loop stands, name nothing else there (but what the fix deletes).
func (x *renderer) namesFree(scope *types.Scope, pos token.Pos, vars []*types.Var) error {
	for _, v := range vars {
		if scope == nil {
			break
		}
		if _, obj := scope.LookupParent(v.Name(), pos); obj != nil {
			if w, ok := obj.(*types.Var); !ok || !x.scaffoldDeclares(w) {
				return noFix(shape.ReasonNameTaken)
			}
		}
	}
	return nil
}

// blockScope returns the scope of the block that holds the loop.
func (x *renderer) blockScope() *types.Scope {
	var scope *types.Scope
	ast.Inspect(x.r.Func.Body, func(n ast.Node) bool {
		if scope != nil {
			return false
		}
		for _, s := range code.StmtList(n) {
			if s == x.r.Loop.Outer() {
				scope = x.info.Scopes[n]
				if scope == nil {
					if _, ok := n.(*ast.BlockStmt); ok && n == x.r.Func.Body {
						scope = x.funcScope()
					}
				}
			}
		}
		return true
	})
	return scope
}

// funcScope returns the scope of the function's body: its signature's.
func (x *renderer) funcScope() *types.Scope {
	switch fn := x.r.Func.Node.(type) {
	case *ast.FuncDecl:
		return x.info.Scopes[fn.Type]
	case *ast.FuncLit:
		return x.info.Scopes[fn.Type]
	}
	return nil
}

// declaresVar reports whether n declares v.
func declaresVar(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Defs[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// allExitsLeave reports whether every exit of the retry returns from the
// function: success, the exhausted attempts, the errors given up on and the
// end of a context.
func (x *renderer) allExitsLeave() bool {
	e := x.r.Exits
	if !e.Success.Leaves() || !e.Exhausted.Leaves() || e.Stopped != nil || e.Interrupted != nil && !e.Interrupted.Leaves() {
		return false
	}
	for _, c := range x.r.Classes {
		if !c.Exit.Leaves() {
			return false
		}
	}
	return true
}

// resultsMatch reports whether the function returns exactly the call's
// results: (T, error) or error.
func (x *renderer) resultsMatch(clo closurePlan) bool {
	res := x.r.Func.Sig.Results()
	if clo.value == nil {
		return res.Len() == 1 && code.IsErrorType(res.At(0).Type())
	}
	return res.Len() == 2 && types.Identical(res.At(0).Type(), clo.value.Type()) && code.IsErrorType(res.At(1).Type())
}

// ctxBranch writes the interrupted exit as a branch of its own, for a loop
// that did something else when the context ended than when its attempts ran
// out: retry.CtxErr tells the call's error from the context's end and gives
// what ctx.Err() said.
func (x *renderer) ctxBranch(in shape.Exit) (string, error) {
	if in.Return == nil {
		return "", noFix(shape.ReasonInterrupt)
	}
	nodes := []ast.Node{in.Return}
	for _, s := range in.Stmts {
		nodes = append(nodes, s)
	}
	name := x.freshName(x.r.Loop.Stmt.Pos(), nodes, "ctxErr")
	repl := func(n ast.Node) string {
		return x.rewrite(n, x.mirrorRepl(), func(e ast.Expr) (string, bool) {
			if x.isCtxErr(e) {
				return name, true
			}
			return "", false
		})
	}
	if x.readsLastErr(in) {
		return "", noFix(shape.ReasonInterrupt)
	}
	var body []string
	for _, s := range in.Stmts {
		body = append(body, repl(s))
	}
	body = append(body, repl(in.Return))
	return "if " + name + " := " + x.names.retry + ".CtxErr(" + x.r.Op.Err.Name() + "); " + name + " != nil {\n" + strings.Join(body, "\n") + "\n}", nil
}

// readsLastErr reports whether an interrupted exit reads the last error of
// the operation.
func (x *renderer) readsLastErr(in shape.Exit) bool {
	nodes := []ast.Node{}
	if in.Return != nil {
		nodes = append(nodes, in.Return)
	}
	for _, s := range in.Stmts {
		nodes = append(nodes, s)
	}
	for _, v := range append([]*types.Var{x.r.Op.Err}, x.r.Mirrors...) {
		if x.usesAny(v, nodes...) {
			return true
		}
	}
	return false
}

// checkGuards checks that the errors the operation's guards return go, after
// the call, where the loop sent them: the exhausted exit must return them
// as it returns the last error, and nothing on the way may take them for
// another kind of failure.
func (x *renderer) checkGuards(exh exitCode, kept []shape.Class, ctxBranch string) error {
	r := x.r
	if len(r.Op.Guards) == 0 {
		return nil
	}
	if len(kept) > 0 || ctxBranch != "" || exh.ret == "" || len(exh.stmts) > 0 {
		return noFix(shape.ReasonPreExit)
	}
	for _, s := range r.Side {
		if s.When != shape.BeforeRetry {
			return noFix(shape.ReasonPreExit) // a hook would see the guard's error
		}
	}
	for _, g := range r.Op.Guards {
		ok := true
		ast.Inspect(g, func(n ast.Node) bool {
			ret, isRet := n.(*ast.ReturnStmt)
			if !isRet || len(ret.Results) == 0 {
				return true
			}
			var parts []string
			for _, e := range ret.Results[:len(ret.Results)-1] {
				parts = append(parts, x.nodeText(e))
			}
			parts = append(parts, r.Op.Err.Name())
			if norm("return "+strings.Join(parts, ", ")) != norm(exh.ret) {
				ok = false
			}
			return true
		})
		if !ok {
			return noFix(shape.ReasonPreExit)
		}
	}
	return nil
}

// norm is s with its runs of white space made one space, to compare code
// text however it is laid out.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

// returnsNil reports whether s is return nil.
func (x *renderer) returnsNil(s ast.Stmt) bool {
	ret, ok := s.(*ast.ReturnStmt)
	return ok && len(ret.Results) == 1 && code.IsNil(x.info, ret.Results[0])
}
