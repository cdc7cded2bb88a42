package shape

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"

	"github.com/retrylint/retrylint/internal/code"
)

// The machine runs a candidate retry loop on abstract values, iteration by
// iteration, with the operation always failing: that path counts the
// attempts, gives the delays and shows what each failure runs. Where the
// code tests the attempt's outcome, the machine forks; the forks that leave
// the loop are the exits (success, giving up on an error, the end of the
// context). One run of the machine is the one place where the loop's control
// flow is followed: bound, schedule, side work and exits are all read off
// its trace.

// machine holds what one run needs.
type machine struct {
	m  *matcher
	lc *loopCtx
	op *opCand
	// probes are the stand-in values of unknowns the loop never changes (a
	// limit n, a base delay), by key; bump changes one of them, to see what
	// depends on it.
	probes map[key]value
	bump   key
	// bumpTo, when set, is the value bump gets instead.
	bumpTo *int64
	// override is a condition forced to go on, to see the delays past the
	// bound (the bound's own test, found by a first run).
	override ast.Node
	// maxOps caps the attempts followed.
	maxOps int
	steps  int // statements run, against a runaway
}

// state is one path of the machine.
type state struct {
	// env and assume are shared, copy on write, with the states forked
	// from this one and the events recorded on it: a fork or an event
	// costs no copy, and most paths end before they change either. Write
	// them through set, unset, assumeAtom and forget only.
	env    map[key]value
	assume map[string]atomVal // the atoms this path decided, by their text
	// envShared and assumeShared report that another state or an event
	// holds the map too.
	envShared, assumeShared bool
	events                  []*event
	ops                     int // operations run so far
	// outcome is the outcome of the last operation run.
	outcome outcome
	// later reports that the outcome is a later step's: the operation
	// succeeded and another call of the attempt set the error again.
	later bool
	// lastCond is the last condition decided, the reason for the path's
	// terminal.
	lastCond ast.Node
}

// atomVal is what a path assumed of an atom.
type atomVal struct {
	val  bool
	kind atomKind
	expr ast.Expr
	op   int // the attempt during which it was assumed
}

type outcome int

const (
	// noOutcome: another call set the error after the attempt failed; what
	// the code tests now is not the attempt's outcome.
	noOutcome outcome = iota
	succeeded
	failed
	// pending: the operation ran and the code has not yet tested its
	// error; the first test decides (see settle).
	pending
)

// atomKind is what an atom, a condition the machine cannot compute,
// depends on.
type atomKind int

const (
	// errAtom is a test of the attempt's error alone (a predicate).
	errAtom atomKind = iota + 1
	// resultAtom reads the attempt's other results (resp.StatusCode).
	resultAtom
	// ctxAtom tests whether a context ended.
	ctxAtom
	// budgetAtom tests the clock: time.Since(start) < limit, a deadline.
	budgetAtom
	// otherAtom is anything else (a flag, a call the machine does not know).
	otherAtom
)

// event is one thing a path did.
type event struct {
	kind  eventKind
	stmt  ast.Stmt
	wait  *Wait
	delay value
	env   map[key]value // the values when it happened
	atom  string        // for forkEvent
	val   bool
	// av is what the path assumed of the atom, kept with the event: a
	// later statement may drop the assumption (see opaque).
	av atomVal
	op int // the attempt it belongs to: ops run when it happened
}

type eventKind int

const (
	opEvent   eventKind = iota + 1 // the operation ran
	waitEvent                      // a wait ran
	stmtEvent                      // a statement with no control flow ran (side work, a step)
	forkEvent                      // the path assumed an atom
)

// term is how a statement list ended.
type termKind int

const (
	fallThrough termKind = iota // the list ran to its end
	nextIter                    // continue: the next iteration
	leaveLoop                   // break out of the loop
	returned                    // a return statement
	aborted                     // a call that does not return (panic, log.Fatal)
	leaveOuter                  // break, continue or goto to a statement outside the loop
	stuck                       // something the machine does not follow
)

type term struct {
	kind termKind
	ret  *ast.ReturnStmt
	// stmt is the statement that ended the path (the return, the break).
	stmt ast.Stmt
}

// path is a state and how it ended.
type path struct {
	st *state
	t  term
}

func (st *state) clone() *state {
	st.envShared, st.assumeShared = true, true
	c := *st
	// The paths share what came before the fork; a full slice expression
	// makes the first append of either copy it.
	c.events = st.events[:len(st.events):len(st.events)]
	return &c
}

// set gives k the value v on this path.
func (st *state) set(k key, v value) {
	if cur, ok := st.env[k]; ok && cur == v {
		return // no copy for a value the path already has
	}
	if st.envShared {
		st.env, st.envShared = maps.Clone(st.env), false
	}
	st.env[k] = v
}

// unset forgets the value of k on this path.
func (st *state) unset(k key) {
	if _, ok := st.env[k]; !ok {
		return
	}
	if st.envShared {
		st.env, st.envShared = maps.Clone(st.env), false
	}
	delete(st.env, k)
}

// assumeAtom records that this path assumed a of the atom with this text.
func (st *state) assumeAtom(text string, a atomVal) {
	if st.assumeShared {
		st.assume, st.assumeShared = maps.Clone(st.assume), false
	}
	st.assume[text] = a
}

// forget drops the assumptions of this path that drop reports.
func (st *state) forget(drop func(atomVal) bool) {
	for k, a := range st.assume {
		if !drop(a) {
			continue
		}
		if st.assumeShared {
			st.assume, st.assumeShared = maps.Clone(st.assume), false
		}
		delete(st.assume, k)
	}
}

// get returns the value of k, or a stand-in for an unknown the loop never
// changes.
func (st *state) get(mc *machine, k key) value {
	if v, ok := st.env[k]; ok {
		return v
	}
	if v, ok := mc.probes[k]; ok {
		if k == mc.bump {
			v.i += 7
			v.f += 7
			if mc.bumpTo != nil {
				v.i = *mc.bumpTo
			}
		}
		return v
	}
	return value{}
}

func (st *state) record(mc *machine, e event) {
	e.op = st.ops
	if e.kind != forkEvent {
		e.env = st.env
		st.envShared = true
	} else {
		e.av = st.assume[e.atom]
	}
	st.events = append(st.events, &e)
}

// maxSteps bounds the statements one run may execute.
const maxSteps = 20000

// exec runs stmts from the top in state st and returns every path out.
func (mc *machine) exec(st *state, stmts []ast.Stmt) []path {
	var out []path
	var run func(st *state, i int)
	run = func(st *state, i int) {
		for ; i < len(stmts); i++ {
			mc.steps++
			if mc.steps > maxSteps {
				out = append(out, path{st, term{kind: stuck, stmt: stmts[i]}})
				return
			}
			s := stmts[i]
			paths := mc.stmt(st, s, stmts[:i])
			if len(paths) == 1 && paths[0].t.kind == fallThrough {
				st = paths[0].st
				continue
			}
			for _, p := range paths {
				if p.t.kind == fallThrough {
					run(p.st, i+1)
				} else {
					out = append(out, p)
				}
			}
			return
		}
		out = append(out, path{st, term{kind: fallThrough}})
	}
	run(st, 0)
	return out
}

// stmt runs one statement; prev are the statements before it in its block.
func (mc *machine) stmt(st *state, s ast.Stmt, prev []ast.Stmt) []path {
	if s == mc.op.stmt {
		return mc.runOp(st)
	}
	if w := mc.waitAt(s, prev); w != nil {
		return mc.runWait(st, w)
	}
	if !mc.m.controls(s, mc.lc, mc.op) {
		mc.opaque(st, s)
		return []path{{st, term{}}}
	}
	switch s := s.(type) {
	case *ast.BlockStmt:
		return mc.exec(st, s.List)
	case *ast.LabeledStmt:
		return mc.stmt(st, s.Stmt, prev)
	case *ast.ReturnStmt:
		return []path{{st, term{kind: returned, ret: s, stmt: s}}}
	case *ast.BranchStmt:
		target := mc.m.branchTarget(s, mc.lc)
		switch {
		case s.Tok == token.CONTINUE && target == mc.lc.loop:
			return []path{{st, term{kind: nextIter, stmt: s}}}
		case s.Tok == token.BREAK && target == mc.lc.loop:
			return []path{{st, term{kind: leaveLoop, stmt: s}}}
		case target == nil || !code.Within(target, mc.lc.loop):
			return []path{{st, term{kind: leaveOuter, stmt: s}}}
		}
		return []path{{st, term{kind: stuck, stmt: s}}}
	case *ast.ExprStmt:
		// a call that does not return
		st.record(mc, event{kind: stmtEvent, stmt: s})
		return []path{{st, term{kind: aborted, stmt: s}}}
	case *ast.IfStmt:
		if s.Init != nil {
			ps := mc.stmt(st, s.Init, nil)
			var out []path
			for _, p := range ps {
				if p.t.kind != fallThrough {
					out = append(out, p)
					continue
				}
				out = append(out, mc.ifStmt(p.st, s)...)
			}
			return out
		}
		return mc.ifStmt(st, s)
	case *ast.SwitchStmt:
		return mc.switchStmt(st, s)
	case *ast.TypeSwitchStmt:
		return mc.typeSwitch(st, s)
	case *ast.SelectStmt:
		return mc.selectStmt(st, s)
	}
	return []path{{st, term{kind: stuck, stmt: s}}}
}

// ifStmt runs an if statement whose Init has run.
func (mc *machine) ifStmt(st *state, s *ast.IfStmt) []path {
	var out []path
	for _, b := range mc.decide(st, s.Cond, s) {
		if b.val {
			out = append(out, mc.exec(b.st, s.Body.List)...)
			continue
		}
		switch e := s.Else.(type) {
		case nil:
			out = append(out, path{b.st, term{}})
		case *ast.BlockStmt:
			out = append(out, mc.exec(b.st, e.List)...)
		case *ast.IfStmt:
			out = append(out, mc.stmt(b.st, e, nil)...)
		}
	}
	return out
}

// branch is a state in which a condition took a value.
type branch struct {
	st  *state
	val bool
}

// decide evaluates a condition, forking on the atoms it depends on.
func (mc *machine) decide(st *state, cond ast.Expr, at ast.Node) []branch {
	if at != nil && at == mc.override {
		st.lastCond = at
		return []branch{{st, mc.overrideValue(cond)}}
	}
	if st.outcome == pending && mc.readsErr(cond) {
		var out []branch
		for _, c := range mc.split(st) {
			out = append(out, mc.decide(c, cond, at)...)
		}
		return out
	}
	v := mc.eval(st, cond)
	if v.kind == boolV {
		st.lastCond = at
		return []branch{{st, v.b}}
	}
	atom := mc.atomOf(st, cond)
	if atom == nil {
		return nil
	}
	text := types.ExprString(atom)
	kind := mc.atomKind(atom)
	var out []branch
	for _, val := range []bool{true, false} {
		c := st.clone()
		c.assumeAtom(text, atomVal{val: val, kind: kind, expr: atom, op: c.ops})
		c.record(mc, event{kind: forkEvent, atom: text, val: val})
		out = append(out, mc.decide(c, cond, at)...)
	}
	return out
}

// overrideValue is the value that keeps the loop going for the overridden
// condition: true for the loop's own condition, false for an exit test.
func (mc *machine) overrideValue(cond ast.Expr) bool {
	if l, ok := mc.lc.loop.(*ast.ForStmt); ok && l.Cond == cond {
		return true
	}
	return false
}

// atomOf returns the first part of a condition, in evaluation order, that
// the machine cannot compute.
func (mc *machine) atomOf(st *state, e ast.Expr) ast.Expr {
	e = ast.Unparen(e)
	if mc.eval(st, e).kind == boolV {
		return nil
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.LAND || x.Op == token.LOR {
			if a := mc.atomOf(st, x.X); a != nil {
				return a
			}
			return mc.atomOf(st, x.Y)
		}
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return mc.atomOf(st, x.X)
		}
	}
	return e
}

// atomKind classifies an atom by what it reads.
func (mc *machine) atomKind(e ast.Expr) atomKind {
	info := mc.m.info
	readsErr, readsResult, readsVariant, ctx, clock := false, false, false, false, false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if p, name, ok := code.PkgFunc(info, n); ok && p == "time" && (name == "Now" || name == "Since" || name == "Until") {
				clock = true
			}
			if isCtxCheck(info, n) {
				ctx = true
			}
		case *ast.Ident:
			v, ok := info.Uses[n].(*types.Var)
			if !ok {
				return true
			}
			switch {
			case v == mc.op.err:
				readsErr = true
			case mc.op.isResult(v):
				readsResult = true
			case mc.lc.predLocals[v]:
				readsErr = true // filled from the error, for its test
			case mc.lc.changed[v] || code.DeclaredIn(v, mc.lc.loop):
				readsVariant = true
			}
		}
		return true
	})
	switch {
	case clock && !readsErr && !readsResult:
		return budgetAtom
	case ctx && !readsErr && !readsResult:
		return ctxAtom
	case readsResult:
		return resultAtom
	case readsErr && !readsVariant:
		return errAtom
	}
	return otherAtom
}

// isCtxCheck reports whether call asks a context whether it ended:
// ctx.Err(), or a method of a context type of the code's own that says so
// (ctx.Canceled() bool).
func isCtxCheck(info *types.Info, call *ast.CallExpr) bool {
	fn := code.Method(info, call)
	if fn == nil || len(call.Args) != 0 || fn.Name() != "Err" && !isOwnCtxCheck(fn) {
		return false
	}
	tv, ok := info.Types[ast.Unparen(call.Fun).(*ast.SelectorExpr).X]
	return ok && code.IsContext(tv.Type)
}

// isOwnCtxCheck reports whether fn is a method of a context type that says
// whether it ended, other than Err: what it tests is the code's to say.
func isOwnCtxCheck(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return false
	}
	switch fn.Name() {
	case "Canceled", "Cancelled", "IsCanceled", "IsCancelled", "Expired":
		b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Bool
	}
	return false
}

// assumed returns what the path assumed of e, if e is an atom it decided;
// eval consults it before computing. Atoms are conditions: an expression
// of another type is none, and is not rendered to be looked up.
func (st *state) assumed(info *types.Info, e ast.Expr) (bool, bool) {
	if len(st.assume) == 0 {
		return false, false
	}
	t := info.TypeOf(e)
	if t == nil {
		return false, false
	}
	if b, ok := t.Underlying().(*types.Basic); !ok || b.Info()&types.IsBoolean == 0 {
		return false, false
	}
	a, ok := st.assume[types.ExprString(e)]
	return a.val, ok
}

// switchStmt runs an expression switch as the chain of ifs it stands for.
func (mc *machine) switchStmt(st *state, s *ast.SwitchStmt) []path {
	if s.Init != nil {
		var out []path
		for _, p := range mc.stmt(st, s.Init, nil) {
			if p.t.kind != fallThrough {
				out = append(out, p)
				continue
			}
			c := *s
			c.Init = nil
			out = append(out, mc.switchStmt(p.st, &c)...)
		}
		return out
	}
	var def *ast.CaseClause
	var pending []*state
	pending = append(pending, st)
	var out []path
	for _, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		if cc.List == nil {
			def = cc
			continue
		}
		var next []*state
		for _, ps := range pending {
			for _, b := range mc.decide(ps, mc.caseCond(s.Tag, cc), cc) {
				if b.val {
					out = append(out, mc.caseBody(b.st, cc.Body)...)
				} else {
					next = append(next, b.st)
				}
			}
		}
		pending = next
	}
	for _, ps := range pending {
		if def != nil {
			out = append(out, mc.caseBody(ps, def.Body)...)
		} else {
			out = append(out, path{ps, term{}})
		}
	}
	return out
}

// caseCond builds the condition of a case: tag == v1 || tag == v2, or the
// case's own conditions for a switch with no tag.
func (mc *machine) caseCond(tag ast.Expr, cc *ast.CaseClause) ast.Expr {
	var cond ast.Expr
	for _, e := range cc.List {
		c := e
		if tag != nil {
			c = &ast.BinaryExpr{X: tag, Op: token.EQL, Y: e, OpPos: e.Pos()}
			mc.m.info.Types[c] = types.TypeAndValue{Type: types.Typ[types.UntypedBool]}
		}
		if cond == nil {
			cond = c
		} else {
			cond = &ast.BinaryExpr{X: cond, Op: token.LOR, Y: c, OpPos: c.Pos()}
			mc.m.info.Types[cond] = types.TypeAndValue{Type: types.Typ[types.UntypedBool]}
		}
	}
	return cond
}

// caseBody runs the body of a case clause: an unlabelled break ends the
// switch, not the loop.
func (mc *machine) caseBody(st *state, body []ast.Stmt) []path {
	var out []path
	for _, p := range mc.exec(st, body) {
		if p.t.kind == leaveLoop {
			if b, ok := p.t.stmt.(*ast.BranchStmt); ok && b.Label == nil {
				p.t = term{}
			}
		}
		out = append(out, p)
	}
	return out
}

// typeSwitch runs a type switch on the attempt's error: each case is an atom
// (the error is a T) the machine forks on.
func (mc *machine) typeSwitch(st *state, s *ast.TypeSwitchStmt) []path {
	if s.Init != nil {
		return []path{{st, term{kind: stuck, stmt: s}}}
	}
	if states := mc.settle(st, s.Assign); len(states) > 1 {
		var out []path
		for _, c := range states {
			out = append(out, mc.typeSwitch(c, s)...)
		}
		return out
	}
	var def *ast.CaseClause
	pending := []*state{st}
	var out []path
	for _, c := range s.Body.List {
		cc := c.(*ast.CaseClause)
		if cc.List == nil {
			def = cc
			continue
		}
		var next []*state
		for _, ps := range pending {
			vals := []bool{true, false}
			if v, ok := mc.caseKnown(ps, s, cc); ok {
				vals = []bool{v}
			}
			// The case is an atom of its own: its text says what it tests.
			for _, val := range vals {
				b := ps.clone()
				key := typeSwitchAtom(s, cc)
				b.assumeAtom(key, atomVal{val: val, kind: mc.typeSwitchKind(s), op: b.ops})
				b.record(mc, event{kind: forkEvent, atom: key, val: val})
				if val {
					out = append(out, mc.caseBody(b, cc.Body)...)
				} else {
					next = append(next, b)
				}
			}
		}
		pending = next
	}
	for _, ps := range pending {
		if def != nil {
			out = append(out, mc.caseBody(ps, def.Body)...)
		} else {
			out = append(out, path{ps, term{}})
		}
	}
	return out
}

func exprList(list []ast.Expr) string {
	s := ""
	for i, e := range list {
		if i > 0 {
			s += ", "
		}
		s += types.ExprString(e)
	}
	return s
}

// typeSwitchAtom names the atom "the switched value is one of the case's
// types".
// caseKnown decides a case of a type switch on the attempt's error when the
// machine knows whether the error is nil: a nil error matches case nil
// only, and a failure never does.
func (mc *machine) caseKnown(st *state, s *ast.TypeSwitchStmt, cc *ast.CaseClause) (bool, bool) {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		x = a.Rhs[0]
	}
	ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr)
	if !ok {
		return false, false
	}
	v := mc.eval(st, ta.X)
	if v.kind != errV {
		return false, false
	}
	hasNil := false
	for _, e := range cc.List {
		if code.IsNil(mc.m.info, e) {
			hasNil = true
		}
	}
	if !v.b {
		return hasNil, true
	}
	if hasNil && len(cc.List) == 1 {
		return false, true
	}
	return false, false
}

func typeSwitchAtom(s *ast.TypeSwitchStmt, cc *ast.CaseClause) string {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		x = a.Rhs[0]
	}
	return types.ExprString(x) + " in (" + exprList(cc.List) + ")"
}

// typeSwitchKind classifies a type switch by what it switches on.
func (mc *machine) typeSwitchKind(s *ast.TypeSwitchStmt) atomKind {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		x = a.Rhs[0]
	}
	if ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr); ok {
		return mc.atomKind(ta.X)
	}
	return otherAtom
}

// selectStmt runs a select that is not a wait: a check of a context's end
// (select { case <-ctx.Done(): return ctx.Err(); default: }), or channels
// the machine forks on.
func (mc *machine) selectStmt(st *state, s *ast.SelectStmt) []path {
	var out []path
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		b := st.clone()
		what := "default"
		kind := otherAtom
		if cc.Comm != nil {
			what = types.ExprString(recvChan(cc.Comm))
			if ch := recvChan(cc.Comm); ch != nil && mc.m.doneCtx(ch) != nil {
				kind = ctxAtom
			}
		}
		key := "select case " + what
		b.assumeAtom(key, atomVal{val: true, kind: kind, op: b.ops})
		b.record(mc, event{kind: forkEvent, atom: key, val: true})
		for _, p := range mc.caseBody(b, cc.Body) {
			out = append(out, p)
		}
	}
	return out
}

// runOp runs the operation. Its outcome is pending until the code first
// tests the error: then the machine forks (see settle), so that a test of
// the error against a sentinel alone (err != syscall.EAGAIN) decides the
// outcome as a test against nil does.
func (mc *machine) runOp(st *state) []path {
	c := st.clone()
	c.ops++
	// A new attempt: the atoms of the last one's results no longer hold,
	// and the clock has moved.
	c.forget(func(a atomVal) bool { return a.kind == errAtom || a.kind == resultAtom || a.kind == budgetAtom })
	for _, v := range mc.op.results {
		if v != nil {
			c.unset(key{v: v})
		}
	}
	c.outcome, c.later = pending, false
	c.record(mc, event{kind: opEvent, stmt: mc.op.stmt})
	if ifs, ok := mc.op.stmt.(*ast.IfStmt); ok {
		// if err := op(); cond { ... }
		return mc.ifStmt(c, ifs)
	}
	return []path{{c, term{}}}
}

// settle forks a state whose attempt's outcome is pending when n reads the
// error (or a variable filled from it): on one copy the attempt succeeded
// and the error is nil, on the other it failed. Other states are returned
// as they are.
func (mc *machine) settle(st *state, n ast.Node) []*state {
	if st.outcome != pending || n == nil || !mc.readsErr(n) {
		return []*state{st}
	}
	return mc.split(st)
}

// split returns the two outcomes of a pending attempt.
func (mc *machine) split(st *state) []*state {
	var out []*state
	for _, o := range []outcome{failed, succeeded} {
		c := st.clone()
		c.outcome = o
		c.set(key{v: mc.op.err}, value{kind: errV, b: o == failed})
		out = append(out, c)
	}
	return out
}

// readsErr reports whether n reads the attempt's error, directly or
// through a variable filled from it for its test.
func (mc *machine) readsErr(n ast.Node) bool {
	info := mc.m.info
	return code.Uses(info, n, mc.op.err) || code.UsesAny(info, n, mc.lc.predLocals)
}

// runWait runs a wait: its delay is recorded. A wait
// that watches a context forks: on one path the context ended.
func (mc *machine) runWait(st *state, w *Wait) []path {
	d := value{}
	if w.Delay != nil {
		d = mc.eval(st, w.Delay)
	}
	var out []path
	sel, isSelect := w.Stmt.(*ast.SelectStmt)
	if isSelect {
		for _, c := range sel.Body.List {
			cc := c.(*ast.CommClause)
			ch := recvChan(cc.Comm)
			b := st.clone()
			switch {
			case mc.m.doneCtx(ch) != nil:
				key := "ctx done: " + types.ExprString(ch)
				b.assumeAtom(key, atomVal{val: true, kind: ctxAtom, op: b.ops})
				b.record(mc, event{kind: forkEvent, atom: key, val: true})
			case isOther(w, cc):
				key := "select case " + types.ExprString(ch)
				b.assumeAtom(key, atomVal{val: true, kind: otherAtom, op: b.ops})
				b.record(mc, event{kind: forkEvent, atom: key, val: true})
			default:
				b.record(mc, event{kind: waitEvent, stmt: w.Stmt, wait: w, delay: d})
			}
			out = append(out, mc.caseBody(b, cc.Body)...)
		}
		return out
	}
	if w.Ctx != nil {
		// a helper that returns early when its context ends
		b := st.clone()
		key := "ctx done: " + w.Ctx.Name()
		b.assumeAtom(key, atomVal{val: true, kind: ctxAtom, op: b.ops})
		b.record(mc, event{kind: forkEvent, atom: key, val: true})
		if ifs, ok := w.Stmt.(*ast.IfStmt); ok {
			out = append(out, mc.exec(b, ifs.Body.List)...)
		} else {
			out = append(out, path{b, term{}})
		}
	}
	st.record(mc, event{kind: waitEvent, stmt: w.Stmt, wait: w, delay: d})
	return append([]path{{st, term{}}}, out...)
}

func isOther(w *Wait, cc *ast.CommClause) bool {
	for _, o := range w.Other {
		if o == cc {
			return true
		}
	}
	return false
}

// opaque runs a statement with no control flow of the loop's: it is
// recorded, and the values it assigns are computed where the machine can.
func (mc *machine) opaque(st *state, s ast.Stmt) {
	st.record(mc, event{kind: stmtEvent, stmt: s})
	mc.assign(st, s)
	if code.Assigned(mc.m.info, s)[mc.op.err] {
		switch st.outcome {
		case pending:
			// The error is rewritten before any test (err = wrap(err)):
			// the outcome is still the first test's.
			return
		case succeeded:
			if st.get(mc, key{v: mc.op.err}).known() {
				return // err = nil
			}
			// A later step of the attempt set the error (err = verify()):
			// its test decides whether the attempt as a whole failed.
			st.outcome, st.later = pending, true
			return
		}
		// Another call set the error after a failure (req, err :=
		// http.NewRequest(...)): what the code tests now is not the
		// operation's outcome.
		st.outcome = noOutcome
		st.forget(func(a atomVal) bool { return a.kind == errAtom })
	}
}

// assign computes the effect of s on the values the machine keeps.
func (mc *machine) assign(st *state, s ast.Stmt) {
	info := mc.m.info
	switch s := s.(type) {
	case *ast.AssignStmt:
		if len(s.Lhs) != len(s.Rhs) {
			for _, l := range s.Lhs {
				if k, ok := keyOf(info, l); ok {
					st.set(k, value{})
				}
			}
			return
		}
		vals := make([]value, len(s.Rhs))
		for i, r := range s.Rhs {
			vals[i] = mc.eval(st, r)
			if s.Tok != token.ASSIGN && s.Tok != token.DEFINE {
				op, ok := assignOp(s.Tok)
				if !ok {
					vals[i] = value{}
					continue
				}
				bin := &ast.BinaryExpr{X: s.Lhs[i], Op: op, Y: r, OpPos: s.TokPos}
				info.Types[bin] = types.TypeAndValue{Type: info.TypeOf(s.Lhs[i])}
				vals[i] = mc.eval(st, bin)
			}
		}
		for i, l := range s.Lhs {
			if k, ok := keyOf(info, l); ok {
				st.set(k, vals[i])
			}
		}
	case *ast.IncDecStmt:
		if k, ok := keyOf(info, s.X); ok {
			v := st.get(mc, k)
			if v.kind == intV {
				if s.Tok == token.INC {
					v.i++
				} else {
					v.i--
				}
				st.set(k, v)
			} else {
				st.set(k, value{})
			}
		}
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				v, _ := info.Defs[n].(*types.Var)
				if v == nil {
					continue
				}
				switch {
				case len(vs.Values) == 0:
					st.set(key{v: v}, zeroOf(v.Type()))
				case len(vs.Values) == len(vs.Names):
					st.set(key{v: v}, mc.eval(st, vs.Values[i]))
				default:
					st.set(key{v: v}, value{})
				}
			}
		}
	case *ast.IfStmt:
		// if d > max { d = max }: computed when the condition is known
		if s.Init != nil {
			mc.assign(st, s.Init)
		}
		changed := code.Assigned(info, s)
		if len(changed) == 0 {
			return
		}
		v := mc.eval(st, s.Cond)
		if v.kind != boolV {
			for k := range changed {
				st.set(key{v: k}, value{})
			}
			return
		}
		switch {
		case v.b:
			for _, b := range s.Body.List {
				mc.assign(st, b)
			}
		case s.Else != nil:
			mc.assign(st, s.Else)
		}
	case *ast.BlockStmt:
		for _, b := range s.List {
			mc.assign(st, b)
		}
	default:
		for v := range code.Assigned(info, s) {
			st.set(key{v: v}, value{})
		}
	}
}

func assignOp(tok token.Token) (token.Token, bool) {
	switch tok {
	case token.ADD_ASSIGN:
		return token.ADD, true
	case token.SUB_ASSIGN:
		return token.SUB, true
	case token.MUL_ASSIGN:
		return token.MUL, true
	case token.QUO_ASSIGN:
		return token.QUO, true
	case token.REM_ASSIGN:
		return token.REM, true
	case token.SHL_ASSIGN:
		return token.SHL, true
	case token.SHR_ASSIGN:
		return token.SHR, true
	case token.AND_ASSIGN:
		return token.AND, true
	case token.OR_ASSIGN:
		return token.OR, true
	case token.XOR_ASSIGN:
		return token.XOR, true
	}
	return 0, false
}

// zeroOf is the zero value of a type the machine keeps.
func zeroOf(t types.Type) value {
	switch {
	case isIntType(t):
		return intVal(0)
	case isFloatType(t):
		return value{kind: floatV}
	case isBoolType(t):
		return boolVal(false)
	case code.IsError(t):
		return value{kind: errV}
	}
	return value{}
}
