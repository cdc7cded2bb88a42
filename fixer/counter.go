package fixer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/retrylint/retrylint/internal/shape"
)

// counterPlan says how the rewrite keeps the attempt counter.
type counterPlan struct {
	// decl declares the counter before retry.Do when the closure reads it
	// (i := 0); empty when it is not needed or already declared.
	decl string
	// step advances it before each return that asks for another attempt
	// (i++); empty when the body keeps its own steps.
	step string
}

// loopKind is the shape of the loop itself.
func (r *rewrite) loopKind() shape.Kind {
	if r.f.Kind == shape.RetryFunc {
		return r.f.LoopKind
	}
	return r.f.Kind
}

// counterStart returns the counter's first value when it is a constant.
func (r *rewrite) counterStart() (int64, bool) {
	var init ast.Expr
	switch l := r.loop.(type) {
	case *ast.RangeStmt:
		return 0, r.f.Counter != nil
	case *ast.ForStmt:
		if r.loopKind() == shape.CountedLoop {
			as, ok := l.Init.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || objOf(r.info, as.Lhs[0]) != r.f.Counter {
				return 0, false
			}
			init = as.Rhs[0]
		}
	}
	if r.loopKind() == shape.WhileCounter {
		switch d := r.f.CounterDecl.(type) {
		case *ast.AssignStmt:
			if len(d.Lhs) == 1 && len(d.Rhs) == 1 {
				init = d.Rhs[0]
			}
		case *ast.DeclStmt:
			if gd, ok := d.Decl.(*ast.GenDecl); ok && len(gd.Specs) == 1 {
				vs := gd.Specs[0].(*ast.ValueSpec)
				if len(vs.Names) == 1 && len(vs.Values) == 0 {
					return 0, true
				}
				if len(vs.Names) == 1 && len(vs.Values) == 1 {
					init = vs.Values[0]
				}
			}
		}
	}
	if init == nil {
		return 0, false
	}
	tv, ok := r.info.Types[init]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v, exact := constant.Int64Val(constant.ToInt(tv.Value))
	return v, exact
}

// stepOf returns by how much a statement moves the counter.
func (r *rewrite) stepOf(s ast.Stmt) (int64, bool) {
	switch s := s.(type) {
	case *ast.IncDecStmt:
		if objOf(r.info, s.X) != r.f.Counter {
			return 0, false
		}
		if s.Tok == token.INC {
			return 1, true
		}
		return -1, true
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 || objOf(r.info, s.Lhs[0]) != r.f.Counter {
			return 0, false
		}
		tv, ok := r.info.Types[s.Rhs[0]]
		if !ok || tv.Value == nil {
			return 0, false
		}
		v, exact := constant.Int64Val(constant.ToInt(tv.Value))
		if !exact {
			return 0, false
		}
		switch s.Tok {
		case token.ADD_ASSIGN:
			return v, true
		case token.SUB_ASSIGN:
			return -v, true
		}
	}
	return 0, false
}

// counterDirection returns the counter's step: +1 counting up, -1 down.
func (r *rewrite) counterDirection() int64 {
	d, _ := r.counterDelta()
	return d
}

// counterDelta returns how much the counter moves per attempt.
func (r *rewrite) counterDelta() (int64, bool) {
	switch l := r.loop.(type) {
	case *ast.RangeStmt:
		return 1, true
	case *ast.ForStmt:
		if r.loopKind() == shape.CountedLoop {
			if l.Post == nil {
				return 0, false
			}
			return r.stepOf(l.Post)
		}
	}
	if len(r.f.CounterSteps) != 1 {
		return 0, false
	}
	return r.stepOf(r.f.CounterSteps[0])
}

// stepsAfterWait returns how much the counter moves between the wait and the
// check that starts the next attempt.
func (r *rewrite) stepsAfterWait() (int64, bool) {
	delta, ok := r.counterDelta()
	if !ok {
		return 0, false
	}
	if r.loopKind() == shape.CountedLoop {
		return delta, true
	}
	pre, ok := r.stepBeforeWait()
	if !ok {
		return 0, false
	}
	if pre {
		return 0, true
	}
	return delta, true
}

// stepBeforeWait reports whether the single counter step of a while-counter
// loop runs before the wait.
func (r *rewrite) stepBeforeWait() (before, ok bool) {
	if len(r.f.CounterSteps) != 1 {
		return false, false
	}
	top := r.topLevel(r.waitStmt)
	step := r.f.CounterSteps[0]
	if top == nil || !r.isTop(step) {
		return false, false
	}
	return step.Pos() < top.Pos(), true
}

// isTop reports whether s is a statement of the body itself.
func (r *rewrite) isTop(s ast.Stmt) bool {
	for _, t := range r.body.List {
		if t == s {
			return true
		}
	}
	return false
}

// waitBlock returns the statements of the block that directly holds the
// wait itself (the body, the guard's block, or the block of an if that
// handles the failure).
func (r *rewrite) waitBlock() []ast.Stmt {
	var list []ast.Stmt
	ast.Inspect(r.body, func(n ast.Node) bool {
		if list != nil {
			return false
		}
		for _, s := range stmtList(n) {
			if s == r.wait.Stmt {
				list = stmtList(n)
			}
		}
		return true
	})
	return list
}

// beforeWaitInBlock reports whether s stands in the wait's own block, before
// the wait: it runs, on every pass that reaches the wait, right before it.
func (r *rewrite) beforeWaitInBlock(s ast.Stmt) bool {
	for _, t := range r.waitBlock() {
		if t == r.wait.Stmt {
			return false
		}
		if t == s {
			return true
		}
	}
	return false
}

// topLevel returns the statement of the body that holds n.
func (r *rewrite) topLevel(n ast.Node) ast.Stmt {
	for _, t := range r.body.List {
		if within(n, t) {
			return t
		}
	}
	return nil
}

// counterAt returns the counter's value at the wait after failed call n
// (1-based) as (start + (n-1+pre)*delta): the parts of that formula.
func (r *rewrite) counterAt() (start, pre, delta int64, ok bool) {
	start, ok = r.counterStart()
	if !ok {
		return 0, 0, 0, false
	}
	delta, ok = r.counterDelta()
	if !ok {
		return 0, 0, 0, false
	}
	switch r.loopKind() {
	case shape.CountedLoop:
		if r.waitAtStart {
			pre = 1
		}
	case shape.WhileCounter:
		before, ok := r.stepBeforeWait()
		if !ok {
			return 0, 0, 0, false
		}
		if before {
			pre = 1
		}
		if r.waitAtStart {
			pre = 1
		}
	default:
		return 0, 0, 0, false
	}
	return start, pre, delta, true
}

// planCounter decides how the closure keeps the counter, and refuses the
// loops whose counter the rewrite cannot keep.
func (r *rewrite) planCounter() error {
	c := r.f.Counter
	if c == nil {
		return nil
	}
	usedInBody, usedAfter := false, false
	for id, obj := range r.info.Uses {
		if obj != c {
			continue
		}
		switch {
		case within(id, r.body):
			if !r.inDeletedCode(id) {
				usedInBody = true
			}
		case id.Pos() >= r.loop.End():
			usedAfter = true
		}
	}
	steps := map[ast.Stmt]bool{}
	for _, s := range r.f.CounterSteps {
		steps[s] = true
	}
	var written ast.Node
	ast.Inspect(r.body, func(n ast.Node) bool {
		if s, ok := n.(ast.Stmt); ok && steps[s] {
			return false
		}
		if written != nil {
			return false
		}
		for _, v := range assignedIn(r.info, nodeOnly(n)) {
			if v == c {
				written = n
			}
		}
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && objOf(r.info, u.X) == c {
			written = n
		}
		return true
	})
	if written != nil {
		return noFix("the counter is changed inside the loop")
	}

	switch r.loopKind() {
	case shape.CountedLoop:
		if usedAfter {
			return noFix("the counter is used after the loop")
		}
		// Each pass of a loop has its own copy of the counter; the closure
		// shares one variable, which a function literal would see change.
		captured := false
		ast.Inspect(r.body, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && r.info.Uses[id] == types.Object(c) {
						captured = true
					}
					return !captured
				})
				return false
			}
			return !captured
		})
		if captured {
			return noFix("a function literal captures the counter")
		}
		if !usedInBody {
			return nil
		}
		switch l := r.loop.(type) {
		case *ast.RangeStmt:
			r.counter = counterPlan{decl: c.Name() + " := 0", step: c.Name() + "++"}
		case *ast.ForStmt:
			as, ok := l.Init.(*ast.AssignStmt)
			if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || l.Post == nil {
				return noFix("the counter is not understood")
			}
			if !r.invariant(as.Rhs[0]) {
				return noFix("the counter starts from a value the loop changes")
			}
			r.counter = counterPlan{decl: r.nodeText(as), step: r.nodeText(l.Post)}
		}
		if !r.nameFree(c.Name(), r.stmt.Pos()) {
			return noFix("the counter's name is taken where the loop stands")
		}
	case shape.WhileCounter:
		// The body keeps its steps; the counter keeps its values.
		if r.f.CounterCheck == nil {
			if _, ok := r.counterDelta(); !ok {
				return noFix("the counter moves in a way the fixer does not follow")
			}
			step := r.f.CounterSteps[0]
			if !r.isTop(step) {
				return noFix("the counter is not stepped on every attempt")
			}
		}
		if r.f.CounterDecl != nil && !r.declJustBefore(r.f.CounterDecl, c) {
			return noFix("the counter changes between its declaration and the loop")
		}
	}
	return nil
}

// nodeOnly hides the children of compound statements, so that assignedIn
// looks at one statement at a time.
func nodeOnly(n ast.Node) ast.Node {
	switch n.(type) {
	case *ast.AssignStmt, *ast.IncDecStmt, *ast.ValueSpec, *ast.RangeStmt:
		return n
	}
	return &ast.EmptyStmt{}
}

// declJustBefore reports whether nothing between decl and the loop writes c.
func (r *rewrite) declJustBefore(decl ast.Stmt, c *types.Var) bool {
	for _, v := range assignedIn(r.info, r.between(decl, r.stmt)) {
		if v == c {
			return false
		}
	}
	return true
}

// between returns a block of the statements strictly between a and b when
// they are in the same list.
func (r *rewrite) between(a, b ast.Stmt) ast.Node {
	var out []ast.Stmt
	ast.Inspect(r.fnBody, func(n ast.Node) bool {
		list := stmtList(n)
		ia, ib := -1, -1
		for i, s := range list {
			if s == a {
				ia = i
			}
			if s == b {
				ib = i
			}
		}
		if ia >= 0 && ib > ia {
			out = list[ia+1 : ib]
			return false
		}
		return true
	})
	return &ast.BlockStmt{List: out}
}

// inDeletedCode reports whether n is inside code the rewrite removes: the
// wait, its guard, the statements serving it.
func (r *rewrite) inDeletedCode(n ast.Node) bool {
	if within(n, r.waitStmt) {
		return true
	}
	for s := range r.deleted {
		if within(n, s) {
			return true
		}
	}
	return false
}
