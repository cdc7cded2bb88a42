package fixer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/retrylint/retrylint/internal/code"
	"github.com/retrylint/retrylint/internal/shape"
)

// options writes the options of the call, each once and in the order a
// reader looks for them: the bound, the schedule, the classification, the
// context, the hooks. They pin what the loop did and never lean on the
// retry package's defaults.
func (x *renderer) options(cx ctxPlan, t tailPlan) ([]string, error) {
	r := x.r
	R := x.names.retry
	var out []string
	switch r.Bound.Kind {
	case shape.ByCount:
		out = append(out, R+".Attempts("+x.attemptsText(r.Bound.Attempts)+")")
	default:
		out = append(out, R+".Attempts("+R+".Unlimited)")
	}
	sched, err := x.schedule()
	if err != nil {
		return nil, err
	}
	out = append(out, sched...)
	if b := r.Bound.Budget; r.Bound.Kind == shape.ByTime {
		var limit string
		switch {
		case b == nil:
			return nil, noFix(shape.ReasonBudgetForm)
		case b.Limit != nil && b.Begun:
			// what is left of a budget that started before the work
			// ahead of the loop
			limit = x.operand(b.Limit, token.ADD.Precedence()) + " - " + x.names.time + ".Since(" + b.Start.Name() + ")"
		case b.Limit != nil:
			limit = x.nodeText(b.Limit)
		case b.Deadline != nil:
			// what is left of a deadline given from outside
			limit = x.names.time + ".Until(" + x.nodeText(b.Deadline) + ")"
		default:
			return nil, noFix(shape.ReasonBudgetForm)
		}
		if b.AfterFailure && b.Reached {
			out = append(out, R+".GiveUpAt("+limit+")")
		} else if b.AfterFailure {
			out = append(out, R+".GiveUpAfter("+limit+")")
		} else {
			out = append(out, R+".MaxElapsed("+limit+")")
		}
	}
	classes, err := x.classify()
	if err != nil {
		return nil, err
	}
	out = append(out, classes...)
	if cx.deaf {
		out = append(out, R+".WaitsIgnoreCtx()")
	}
	if t.interrupt != "" && !(allBlank(t.lhs) && !t.ret && len(t.stmts) == 0) {
		// (what the call returns when the context ends matters only when
		// something reads it)
		out = append(out, t.interrupt)
	}
	if r := x.r; r.Exits.CtxFirst {
		// for ctx.Err() == nil { ... }: no attempt once the context ended,
		// the first one included; where the loop goes then must not read
		// an error of the operation, of which there is none
		if in := x.interruptExit(); in == nil || x.readsLastErr(*in) {
			return nil, noFix(shape.ReasonPreExit)
		}
		out = append(out, R+".CheckCtxFirst()")
	}
	if t.stop != "" {
		out = append(out, t.stop)
	}
	hooks, err := x.hooks(t)
	if err != nil {
		return nil, err
	}
	return append(out, hooks...), nil
}

// attemptsText writes a number of attempts as the code does: the limit as
// written with the offset folded in (maxRetries, maxRetries+1, 5).
func (x *renderer) attemptsText(a shape.Attempts) string {
	if a.Limit != nil {
		if _, lit := ast.Unparen(a.Limit).(*ast.BasicLit); !lit || !a.IsConst {
			text := x.intText(a.Limit)
			if a.Offset == 0 {
				return text
			}
			if _, ok := ast.Unparen(a.Limit).(*ast.BinaryExpr); ok {
				text = "(" + text + ")"
			}
			if a.Offset > 0 {
				return fmt.Sprintf("%s+%d", text, a.Offset)
			}
			return fmt.Sprintf("%s-%d", text, -a.Offset)
		}
	}
	return strconv.FormatInt(a.Const, 10)
}

// intText writes e as an int, for retry.Attempts: as written when it is
// one (or an untyped constant), the int inside a conversion to another
// integer type (range uint(n) counts to n), else converted.
func (x *renderer) intText(e ast.Expr) string {
	isInt := func(e ast.Expr) bool {
		t := x.info.TypeOf(e)
		// an untyped constant takes the type of the conversion around it
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if c, ok := x.info.Uses[id].(*types.Const); ok {
				t = c.Type()
			}
		}
		if lit, ok := ast.Unparen(e).(*ast.BasicLit); ok && lit.Kind == token.INT {
			return true
		}
		b, ok := t.(*types.Basic)
		return ok && (b.Kind() == types.Int || b.Kind() == types.UntypedInt)
	}
	if isInt(e) {
		return x.nodeText(e)
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 && code.IsConversion(x.info, call) && isInt(call.Args[0]) {
		return x.nodeText(call.Args[0])
	}
	return "int(" + x.nodeText(e) + ")"
}

// schedule writes the schedule options: NoDelay, Constant, Linear or
// LinearFrom, Exponential, DelayFunc, and MaxDelay for a cap.
func (x *renderer) schedule() ([]string, error) {
	r := x.r
	R := x.names.retry
	s := r.Schedule
	var out []string
	switch s.Kind {
	case shape.NoDelay:
		out = append(out, R+".NoDelay()")
	case shape.Constant:
		out = append(out, R+".Constant("+x.durationText(s.Initial)+")")
	case shape.Linear:
		if sameDuration(s.Initial, s.Step) {
			out = append(out, R+".Linear("+x.durationText(s.Step)+")")
		} else {
			out = append(out, R+".LinearFrom("+x.durationText(s.Initial)+", "+x.durationText(s.Step)+")")
		}
	case shape.Exponential:
		out = append(out, R+".Exponential("+x.durationText(s.Initial)+", "+strconv.FormatFloat(s.Factor, 'g', -1, 64)+")")
	case shape.Custom:
		f, err := x.delayFunc()
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	default:
		return nil, noFix(shape.ReasonDelayUnknown)
	}
	if s.Cap != nil {
		out = append(out, R+".MaxDelay("+x.durationText(*s.Cap)+")")
	}
	return out, nil
}

func sameDuration(a, b shape.Duration) bool {
	if a.IsConst && b.IsConst {
		return a.Value == b.Value
	}
	return a.Expr != nil && b.Expr != nil && types.ExprString(a.Expr) == types.ExprString(b.Expr)
}

// durationText writes a duration as the code does, or its value as a
// person would (500*time.Millisecond).
func (x *renderer) durationText(d shape.Duration) string {
	if d.Expr != nil {
		return x.nodeText(d.Expr)
	}
	return formatDuration(d.Value, x.names.time)
}

// formatDuration writes a constant duration with the largest unit that
// divides it: 2*time.Second, 1500*time.Millisecond, time.Minute.
func formatDuration(d time.Duration, timeName string) string {
	if d == 0 {
		return "0"
	}
	units := []struct {
		name string
		d    time.Duration
	}{{"Hour", time.Hour}, {"Minute", time.Minute}, {"Second", time.Second}, {"Millisecond", time.Millisecond}, {"Microsecond", time.Microsecond}, {"Nanosecond", time.Nanosecond}}
	for _, u := range units {
		if d%u.d == 0 {
			n := d / u.d
			if n == 1 {
				return timeName + "." + u.name
			}
			return fmt.Sprintf("%d*%s.%s", n, timeName, u.name)
		}
	}
	return strconv.FormatInt(int64(d), 10)
}

// delayFunc writes a computed delay as a function of the attempt: the
// wait's delay and the declarations it needs, with the counter read from the
// attempt number.
func (x *renderer) delayFunc() (string, error) {
	r := x.r
	d := r.Schedule.Delay
	if d == nil {
		return "", noFix(shape.ReasonDelayUnknown)
	}
	nodes := []ast.Node{d.Expr}
	for _, s := range d.Defs {
		nodes = append(nodes, s)
	}
	num := "_"
	if d.ReadsCounter {
		num = x.freshName(r.Loop.Stmt.Pos(), nodes, "attempt", "n")
	}
	errParam := "_"
	if d.ReadsErr {
		errParam = r.Op.Err.Name()
	}
	var body []string
	defs, ret := d.Defs, ast.Node(d.Expr)
	// d := f(attempt); time.Sleep(d): return f(attempt)
	if len(defs) == 1 {
		if as, ok := defs[0].(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && (as.Tok == token.DEFINE || as.Tok == token.ASSIGN) {
			if v := code.Var(x.info, d.Expr); v != nil && v == code.Var(x.info, as.Lhs[0]) && x.leading(as) == nil {
				defs, ret = nil, as.Rhs[0]
			}
		}
	}
	for _, s := range defs {
		text, err := x.defText(s, num, "", d.Counter)
		if err != nil {
			return "", err
		}
		body = append(body, text)
	}
	// A variable the delay keeps between attempts is computed from the
	// attempt number.
	states := map[*types.Var]string{}
	for _, sv := range d.States {
		if !x.builtinMin() {
			return "", noFix(shape.ReasonDelayState)
		}
		initial := strconv.FormatInt(sv.Initial, 10)
		if b, ok := sv.Var.Type().(*types.Basic); !ok || b.Kind() != types.Int {
			t, err := x.typeText(sv.Var.Type())
			if err != nil {
				return "", err
			}
			initial = t + "(" + initial + ")"
		}
		text := fmt.Sprintf("%s << min(%s-1, %d)", initial, num, sv.MaxShift)
		if x.operandOf(ret, sv.Var) {
			text = "(" + text + ")"
		}
		states[sv.Var] = text
	}
	expr, err := x.attemptSubstWith(ret, num, "", d.Counter, states)
	if err != nil {
		return "", err
	}
	if d.Guard != nil {
		// The loop waits after some failures only: no wait, a delay of 0,
		// after the others. Where a context is watched, retry.Do would
		// look at it at those zero waits too, where the loop did not.
		if r.Exits.Ctx != nil || x.opts.ScopeCtx && r.Func.Ctx != nil {
			return "", noFix(shape.ReasonWaitSome)
		}
		guard, err := x.attemptSubst(d.Guard, num, "", d.Counter)
		if err != nil {
			return "", err
		}
		body = append(body, "if "+guard+" {\nreturn "+expr+"\n}", "return 0")
	} else {
		body = append(body, "return "+expr)
	}
	return fmt.Sprintf("%s.DelayFunc(func(%s int, %s error) %s.Duration {\n%s\n})", x.names.retry, num, errParam, x.names.time, strings.Join(body, "\n")), nil
}

// classify writes the tests of the error as options: RetryIf when the loop
// retries what a function says yes to, StopIf when it gives up on it,
// RetryOn and StopOn for errors.Is, a function literal for any other test.
// Tests that retry are joined in one RetryIf (the loop retries only when
// all say yes); tests that give up each stop on their own.
func (x *renderer) classify() ([]string, error) {
	r := x.r
	R := x.names.retry
	errName := r.Op.Err.Name()
	var retries, out []string
	for _, c := range r.Classes {
		p := c.Pred
		var decls []string
		for _, d := range c.Decls {
			decls = append(decls, x.declText(d, c.Cond))
		}
		lit := func(cond string) string {
			return "func(" + errName + " error) bool {\n" + strings.Join(append(decls, "return "+cond), "\n") + "\n}"
		}
		switch {
		case p.Kind == shape.PredCall && p.Negated:
			retries = append(retries, x.nodeText(p.Fun)+"("+errName+")")
			if len(r.Classes) == 1 {
				out = append(out, R+".RetryIf("+x.nodeText(p.Fun)+")")
				retries = nil
			}
		case p.Kind == shape.PredCall:
			out = append(out, R+".StopIf("+x.nodeText(p.Fun)+")")
		case p.Kind == shape.PredIs && !p.Negated:
			out = append(out, R+".StopOn("+x.exprList(p.Targets)+")")
		case p.Kind == shape.PredIs && len(r.Classes) == 1:
			out = append(out, R+".RetryOn("+x.exprList(p.Targets)+")")
		default:
			cond := x.condText(c.Cond)
			if c.GiveUpWhen {
				if neg, ok := x.negation(c.Cond); ok {
					if len(r.Classes) == 1 {
						out = append(out, R+".RetryIf("+lit(neg)+")")
					} else {
						retries = append(retries, "("+neg+")")
					}
					continue
				}
				out = append(out, R+".StopIf("+lit(cond)+")")
			} else if len(r.Classes) == 1 {
				out = append(out, R+".RetryIf("+lit(cond)+")")
			} else {
				retries = append(retries, "("+cond+")")
			}
		}
	}
	if len(retries) > 0 {
		out = append(out, R+".RetryIf(func("+errName+" error) bool {\nreturn "+strings.Join(retries, " && ")+"\n})")
	}
	return out, nil
}

// negation writes the negation of a give-up test made of negated terms and
// comparisons of errors joined by || (!a || err != b is a && err == b), the
// form a loop's give-up test often has, so that the option says what is
// retried; ok is false for anything else.
func (x *renderer) negation(cond ast.Expr) (string, bool) {
	var out []string
	for _, t := range code.Disjuncts(cond) {
		switch t := ast.Unparen(t).(type) {
		case *ast.UnaryExpr:
			if t.Op != token.NOT {
				return "", false
			}
			out = append(out, x.operand(ast.Unparen(t.X), token.LAND.Precedence()))
		case *ast.BinaryExpr:
			if t.Op != token.EQL && t.Op != token.NEQ {
				return "", false
			}
			out = append(out, x.negText(t))
		default:
			return "", false
		}
	}
	return strings.Join(out, " && "), true
}

func (x *renderer) exprList(list []ast.Expr) string {
	var parts []string
	for _, e := range list {
		parts = append(parts, x.nodeText(e))
	}
	return strings.Join(parts, ", ")
}

// hooks writes the side work of the attempts as hooks: OnFailure for work
// after every failure, OnRetry for work only when another attempt follows,
// OnDone for work on success that reads the counter.
func (x *renderer) hooks(t tailPlan) ([]string, error) {
	r := x.r
	R := x.names.retry
	var out []string
	type group struct {
		when  shape.When
		stmts []ast.Stmt
	}
	// Statements in a row that run at the same moments share a hook.
	var groups []group
	inClosure, err := x.closureSide()
	if err != nil {
		return nil, err
	}
	for _, s := range r.Side {
		if hasStmtIn(inClosure, s.Stmt) {
			continue
		}
		if n := len(groups); n > 0 && groups[n-1].when == s.When {
			groups[n-1].stmts = append(groups[n-1].stmts, s.Stmt)
			continue
		}
		groups = append(groups, group{s.When, []ast.Stmt{s.Stmt}})
	}
	for _, g := range groups {
		var nodes []ast.Node
		for _, s := range g.stmts {
			nodes = append(nodes, s)
		}
		a := x.freshName(r.Loop.Stmt.Pos(), append(nodes, x.resultIdents()...), "a", "at", "attempt")
		body, delay, err := x.hookDelay(g.when, g.stmts, a)
		if err != nil {
			return nil, err
		}
		for _, s := range g.stmts {
			text, err := x.attemptSubstWith(s, a+".Number", a+".Err", x.sideCounter(s), delay)
			if err != nil {
				return nil, err
			}
			body = append(body, x.withLeading(s, text))
		}
		param := a + " " + R + ".Attempt"
		if !usesName(strings.Join(body, "\n"), a) {
			param = R + ".Attempt"
		}
		switch g.when {
		case shape.EveryFailure:
			out = append(out, R+".OnFailure(func("+param+") {\n"+strings.Join(body, "\n")+"\n})")
		case shape.BeforeRetry:
			out = append(out, R+".OnRetry(func("+param+") {\n"+strings.Join(body, "\n")+"\n})")
		default:
			// After every failure but those the code gave up on at once.
			if len(r.Classes) == 0 {
				return nil, noFix(shape.ReasonSideSome)
			}
			init, tests, err := x.anyGiveUp(r.Classes, r.Op.Err.Name(), a+".Err")
			if err != nil {
				return nil, err
			}
			if init != "" {
				init += "; "
			}
			out = append(out, R+".OnFailure(func("+a+" "+R+".Attempt) {\nif "+init+negate(tests)+" {\n"+strings.Join(body, "\n")+"\n}\n})")
		}
	}
	if len(t.onDone) > 0 {
		var nodes []ast.Node
		for _, s := range t.onDone {
			nodes = append(nodes, s)
		}
		o := x.freshName(r.Loop.Stmt.Pos(), append(nodes, x.resultIdents()...), "o", "out", "outcome")
		cond := o + ".Err == nil"
		stmts := t.onDone
		// if attempt > 0 { count() } on success: one test, o.Err == nil &&
		// o.Retried().
		if len(stmts) == 1 {
			if ifs, ok := stmts[0].(*ast.IfStmt); ok && ifs.Init == nil && ifs.Else == nil {
				c, err := x.attemptSubst(ifs.Cond, o+".Attempts", "", x.r.Exits.Success.Counter)
				if err != nil {
					return nil, err
				}
				cond += " && " + retried(c, o)
				stmts = ifs.Body.List
			}
		}
		var body []string
		for _, s := range stmts {
			text, err := x.attemptSubst(s, o+".Attempts", "", x.r.Exits.Success.Counter)
			if err != nil {
				return nil, err
			}
			body = append(body, retried(text, o))
		}
		out = append(out, R+".OnDone(func("+o+" "+R+".Outcome) {\nif "+cond+" {\n"+strings.Join(body, "\n")+"\n}\n})")
	}
	return out, nil
}

// hookDelay says how a hook reads the variables of the delay that its side
// work reads (DelayExpr.Shared): work that runs only where a retry follows
// reads the next wait's delay from the attempt (a.Delay) when the variable
// is the delay itself (Retry.DelayOfAttempt); otherwise the hook starts with
// the delay's definitions, computed again for the attempt, which draws
// nothing.
func (x *renderer) hookDelay(when shape.When, stmts []ast.Stmt, a string) ([]string, map[*types.Var]string, error) {
	d := x.r.Schedule.Delay
	reads, fromAttempt := false, true
	for _, s := range x.r.Side {
		if s.ReadsDelay && hasStmtIn(stmts, s.Stmt) {
			reads = true
			fromAttempt = fromAttempt && x.r.DelayOfAttempt(s)
		}
	}
	if !reads || d == nil {
		return nil, nil, nil
	}
	if fromAttempt {
		return nil, map[*types.Var]string{d.Shared[0]: a + ".Delay"}, nil
	}
	if d.Draws {
		return nil, nil, noFix(shape.ReasonDelayUsed) // the shape refused it already
	}
	var body []string
	for _, s := range d.Defs {
		text, err := x.defText(s, a+".Number", a+".Err", d.Counter)
		if err != nil {
			return nil, nil, err
		}
		body = append(body, text)
	}
	return body, nil, nil
}

// defText writes a definition of the delay for a function of the attempt:
// as written, but a variable the loop set whole (backoff = f(attempts),
// declared before the loop) is declared where it is set, since its
// declaration goes with the loop.
func (x *renderer) defText(s ast.Stmt, num, errText string, first int64) (string, error) {
	if as, ok := s.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
		rhs, err := x.attemptSubst(as.Rhs[0], num, errText, first)
		if err != nil {
			return "", err
		}
		return x.withLeading(s, x.nodeText(as.Lhs[0])+" := "+rhs), nil
	}
	return x.attemptSubst(s, num, errText, first)
}

// sideCounter returns the counter's value where side work s runs after the
// first attempt.
func (x *renderer) sideCounter(s ast.Stmt) int64 {
	for _, w := range x.r.Side {
		if w.Stmt == s {
			return w.Counter
		}
	}
	return 0
}

// resultIdents are identifiers for the names of the operation's results,
// which a hook's parameter must not take: they stand beside the call.
func (x *renderer) resultIdents() []ast.Node {
	var out []ast.Node
	for _, v := range x.r.Op.Results {
		if v != nil {
			out = append(out, ast.NewIdent(v.Name()))
		}
	}
	return out
}

func hasStmtIn(list []ast.Stmt, s ast.Stmt) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// usesName reports whether code text mentions the identifier name.
func usesName(text, name string) bool {
	return regexp.MustCompile(`(^|[^\w.])` + regexp.QuoteMeta(name) + `\b`).MatchString(text)
}

// declText writes a statement a test of the error needs first, for a
// predicate that returns cond: a name it declares that cond does not read
// (p of p, ok := err.(permanent), read only by the exit) is _ there.
func (x *renderer) declText(d ast.Stmt, cond ast.Expr) string {
	as, ok := d.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return x.stmtText(d)
	}
	repl := map[*types.Var]string{}
	for _, l := range as.Lhs {
		if v, ok := x.info.Defs[identOf(l)].(*types.Var); ok && v != nil && !code.Uses(x.info, cond, v) {
			repl[v] = "_"
		}
	}
	if len(repl) == 0 {
		return x.stmtText(d)
	}
	var lhs []string
	for _, l := range as.Lhs {
		if v, ok := x.info.Defs[identOf(l)].(*types.Var); ok && repl[v] != "" {
			lhs = append(lhs, "_")
		} else {
			lhs = append(lhs, x.nodeText(l))
		}
	}
	tok := " := "
	if len(repl) == len(as.Lhs) {
		tok = " = " // nothing left to declare
	}
	return x.withLeading(d, strings.Join(lhs, ", ")+tok+x.nodeText(as.Rhs[0]))
}

// builtinMin reports whether min is the builtin where the loop stands.
func (x *renderer) builtinMin() bool {
	sc := x.blockScope()
	if sc == nil {
		return false
	}
	_, obj := sc.LookupParent("min", x.r.Loop.Outer().Pos())
	_, isBuiltin := obj.(*types.Builtin)
	return isBuiltin
}

// operandOf reports whether v is read in n as an operand of an operator
// (retry * 2), where an expression in its place needs parentheses.
func (x *renderer) operandOf(n ast.Node, v *types.Var) bool {
	found := false
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && x.info.Uses[id] == v
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.BinaryExpr:
			found = found || is(m.X) || is(m.Y)
		case *ast.UnaryExpr:
			found = found || is(m.X)
		case *ast.SelectorExpr:
			found = found || is(m.X)
		}
		return !found
	})
	return found
}
