package shape

import (
	"go/ast"
	"go/token"
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
	// repeat, when set, watches for the main path going round the same
	// iteration forever.
	repeat *repeatWatch
	// inBody reports that the run is past the attempt made before the
	// loop, and halted that a path of the body got stuck: exec explores no
	// more (see halt). waitsUnknown caches mayMeetWaits.
	inBody, halted bool
	waitsUnknown   *bool
	// opPref caches preferOpPasses: 1 yes, -1 no, 0 not known yet.
	opPref int
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
	leaveInner                  // break or continue to a range inside the loop (see innerRange)
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
			if mc.halted {
				return
			}
			mc.steps++
			if mc.steps > maxSteps {
				out = append(out, path{st, term{kind: stuck, stmt: stmts[i]}})
				mc.halt()
				return
			}
			s := stmts[i]
			paths := mc.stmt(st, s, stmts[:i])
			if len(paths) == 1 && paths[0].t.kind == fallThrough {
				st = paths[0].st
				continue
			}
			for _, p := range paths {
				switch p.t.kind {
				case fallThrough:
					run(p.st, i+1)
				case stuck:
					out = append(out, p)
					mc.halt()
				default:
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
		case s.Tok == token.GOTO && target == mc.lc.loop && mc.lc.isGoto:
			return []path{{st, term{kind: nextIter, stmt: s}}}
		case target == nil || !code.Within(target, mc.lc.loop):
			return []path{{st, term{kind: leaveOuter, stmt: s}}}
		case mc.m.isInnerRange(target, mc.lc):
			return []path{{st, term{kind: leaveInner, stmt: s}}}
		}
		return []path{{st, term{kind: stuck, stmt: s}}}
	case *ast.ExprStmt:
		// a call that does not return
		st.record(mc, event{kind: stmtEvent, stmt: s})
		return []path{{st, term{kind: aborted, stmt: s}}}
	case *ast.IfStmt:
		if s.Init != nil {
			states := []*state{st}
			if st.outcome == pending && mc.initReadsErr(s.Init) {
				// if code := status.Code(err); code == codes.Unavailable:
				// what the Init computes from the error differs between a
				// success and a failure, and the test reads only that.
				states = mc.split(st)
			}
			var ps []path
			for _, st := range states {
				ps = append(ps, mc.stmt(st, s.Init, nil)...)
			}
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
	case *ast.RangeStmt:
		if mc.m.isInnerRange(s, mc.lc) {
			return mc.innerRange(st, s)
		}
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
