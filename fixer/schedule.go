package fixer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/retrylint/retrylint/internal/shape"
)

// delay is the delay of the wait as an expression of the attempt: the source
// of the delay expression, with the variables the body computes it from
// inlined and the counter replaced.
type delay struct {
	r    *rewrite
	expr ast.Expr
	// locals maps the body's variables the delay is computed from to their
	// defining expression; order lists them as the body defines them.
	locals map[types.Object]ast.Expr
	order  []*types.Var
	defs   []*localDef
	// random reports whether computing it draws random numbers.
	random bool
	// calls reports whether computing it calls functions that are not
	// conversions or pure builtins.
	calls bool
	// counter reports whether it depends on the counter.
	counter bool
}

// render returns the delay's source with the body's variables inlined and
// the counter written as counter (for evaluating it as a constant).
func (d *delay) render(counter string) string {
	return d.renderExpr(d.expr, counter, true)
}

// renderExpr writes e with the counter replaced by counter, and the body's
// variables by their definitions when inline is set.
func (d *delay) renderExpr(e ast.Expr, counter string, inline bool) string {
	r := d.r
	var b strings.Builder
	last := e.Pos()
	var stack []ast.Node
	ast.Inspect(e, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		parent := ast.Node(nil)
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := r.info.Uses[id]
		var repl string
		switch {
		case obj != nil && obj == types.Object(r.f.Counter) && counter != "":
			repl = counter
			if !isIdentText(counter) && needsParens(parent, id) {
				repl = "(" + counter + ")"
			}
		case obj != nil && inline && d.locals[obj] != nil:
			repl = "(" + d.renderExpr(d.locals[obj], counter, true) + ")"
		default:
			return true
		}
		b.WriteString(r.text(last, id.Pos()))
		b.WriteString(repl)
		last = id.End()
		return true
	})
	b.WriteString(r.text(last, e.End()))
	return b.String()
}

// needsParens reports whether an expression replacing id under parent must
// be parenthesised to keep its meaning.
func needsParens(parent ast.Node, id *ast.Ident) bool {
	switch p := parent.(type) {
	case nil, *ast.ParenExpr, *ast.CallExpr, *ast.KeyValueExpr, *ast.CompositeLit:
		if call, ok := p.(*ast.CallExpr); ok && call.Fun == ast.Expr(id) {
			return true
		}
		return false
	case *ast.IndexExpr:
		return p.X == ast.Expr(id)
	}
	return true
}

func isIdentText(s string) bool {
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// resolveDelay builds the delay of the wait, inlining the body's variables
// it is computed from; it marks their definitions deleted when nothing else
// uses them.
func (r *rewrite) resolveDelay() (*delay, error) {
	d := &delay{r: r, expr: r.wait.Delay, locals: map[types.Object]ast.Expr{}}
	assigned := map[*types.Var]int{}
	for _, v := range assignedIn(r.info, r.body) {
		assigned[v]++
	}
	waitTop := r.topLevel(r.waitStmt)
	var visit func(e ast.Expr) error
	visit = func(e ast.Expr) error {
		var err error
		ast.Inspect(e, func(n ast.Node) bool {
			if err != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.CallExpr:
				if r.randomCall(n) {
					d.random = true
				} else if !r.pureCall(n) {
					d.calls = true
				}
			case *ast.FuncLit:
				err = noFix("the delay is computed by a function literal")
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					err = noFix("the delay reads a channel")
				}
			case *ast.Ident:
				v, ok := r.info.Uses[n].(*types.Var)
				if !ok || v.IsField() {
					return true
				}
				switch {
				case v == r.f.Counter:
					d.counter = true
				case r.isLocal(v):
					if _, done := d.locals[v]; done {
						return true
					}
					def := r.localDef(v)
					before := waitTop != nil && def != nil && r.isTop(def.stmt) && def.stmt.Pos() < waitTop.Pos()
					if def == nil || assigned[v] != 1 || !before && !r.beforeWaitInBlock(def.stmt) {
						err = noFix("the delay depends on a value the attempt computes")
						return false
					}
					d.locals[v] = def.value
					d.order = append(d.order, v)
					if e := visit(def.value); e != nil {
						err = e
						return false
					}
					d.defs = append(d.defs, def)
				case assigned[v] > 0 || r.inLoop(v):
					err = noFix("the delay depends on a value the loop changes")
				}
			case *ast.SelectorExpr:
				if r.selectorAssigned(n) {
					err = noFix("the delay depends on a value the loop changes")
				}
			}
			return true
		})
		return err
	}
	if err := visit(d.expr); err != nil {
		return nil, err
	}
	// A definition goes with the wait when everything that uses its
	// variable goes too; the others stay in the body, and must not draw
	// random numbers the delay function would draw again.
	gone := map[ast.Stmt]bool{}
	for changed := true; changed; {
		changed = false
		for _, def := range d.defs {
			if gone[def.stmt] || r.usedBeyond(def.v, def.stmt, gone) {
				continue
			}
			gone[def.stmt], changed = true, true
		}
	}
	// The delay function computes the moved definitions again, right before
	// the wait, and only when a wait follows. A definition with an effect
	// (a random draw, a call such as b.Next()) must therefore run nowhere
	// else: not kept in the body too, and not on a path that leaves before
	// the wait.
	for _, def := range d.defs {
		if gone[def.stmt] {
			if d.effectIn(def.value) && !r.waitFollows(def.stmt, gone) {
				return nil, noFix("the delay is computed on attempts that do not wait")
			}
			r.deleted[def.stmt] = true
			continue
		}
		if d.randomIn(def.value) {
			return nil, noFix("the random delay is also used for something else")
		}
		if d.effectIn(def.value) {
			return nil, noFix("the computed delay is also used for something else")
		}
	}
	return d, nil
}

// effectIn reports whether evaluating e has an effect that computing it a
// second time, or not at all, would change: a random draw or a call other
// than a conversion, a pure builtin or a function of package math.
func (d *delay) effectIn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !d.r.pureCall(call) {
			fn, _ := d.r.info.Uses[calleeIdent(call)].(*types.Func)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "math" || d.r.randomCall(call) {
				found = true
			}
		}
		return !found
	})
	return found
}

// waitFollows reports whether, in the block of s, nothing but other moved
// definitions stands between s and the wait (or the if that guards it): a
// pass that runs s then reaches the wait.
func (r *rewrite) waitFollows(s ast.Stmt, moved map[ast.Stmt]bool) bool {
	var list []ast.Stmt
	ast.Inspect(r.body, func(n ast.Node) bool {
		if list != nil {
			return false
		}
		if l := stmtList(n); slices.Contains(l, s) {
			list = l
		}
		return true
	})
	after := false
	for _, t := range list {
		switch {
		case t == s:
			after = true
		case !after:
		case t == r.wait.Stmt || t == r.waitStmt:
			return true
		case !moved[t]:
			return false
		}
	}
	return false
}

// randomIn reports whether e draws random numbers.
func (d *delay) randomIn(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && d.r.randomCall(call) {
			found = true
		}
		return !found
	})
	return found
}

// localDef is the one statement defining a variable of the body.
type localDef struct {
	v     *types.Var
	stmt  ast.Stmt
	value ast.Expr
}

func (r *rewrite) localDef(v *types.Var) *localDef {
	var out *localDef
	ast.Inspect(r.body, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE && len(s.Lhs) == len(s.Rhs) {
				for i, l := range s.Lhs {
					if r.info.Defs[l.(*ast.Ident)] == v {
						out = &localDef{v: v, stmt: s, value: s.Rhs[i]}
					}
				}
			}
		case *ast.DeclStmt:
			gd, _ := s.Decl.(*ast.GenDecl)
			if gd == nil || gd.Tok != token.VAR || len(gd.Specs) != 1 {
				return true
			}
			vs := gd.Specs[0].(*ast.ValueSpec)
			if len(vs.Names) == len(vs.Values) {
				for i, id := range vs.Names {
					if r.info.Defs[id] == v {
						out = &localDef{v: v, stmt: s, value: vs.Values[i]}
					}
				}
			}
		}
		return out == nil
	})
	return out
}

// usedBeyond reports whether v is used outside its definition, the wait and
// the statements in gone.
func (r *rewrite) usedBeyond(v *types.Var, def ast.Stmt, gone map[ast.Stmt]bool) bool {
	for id, obj := range r.info.Uses {
		if obj != v || within(id, def) || within(id, r.wait.Stmt) {
			continue
		}
		inGone := false
		for s := range gone {
			if within(id, s) {
				inGone = true
			}
		}
		if !inGone {
			return true
		}
	}
	return false
}

// randomCall reports whether call draws from math/rand or math/rand/v2.
func (r *rewrite) randomCall(call *ast.CallExpr) bool {
	fn, _ := r.info.Uses[calleeIdent(call)].(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "math/rand", "math/rand/v2":
		return true
	}
	return false
}

func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			return id
		}
	}
	return nil
}

// planSchedule returns the options that give the waits of the loop.
func (r *rewrite) planSchedule(names *importNames) ([]string, error) {
	if v := r.stateVar(); v != nil {
		return r.stateSchedule(v, names)
	}
	d, err := r.resolveDelay()
	if err != nil {
		return nil, err
	}
	retry := names.retry
	if !d.counter && !d.random && !d.calls {
		return []string{retry + ".Constant(" + d.render("") + ")"}, nil
	}
	if d.counter && !d.random && !d.calls {
		if opts, ok := r.namedSchedule(d, names); ok {
			return opts, nil
		}
	}
	return r.delayFunc(d, names)
}

// delayFunc keeps the delay expression as it is written, as a function of the
// attempt number: it runs when the loop computed it, between the failed call
// and the wait, so it draws random numbers in the same order.
func (r *rewrite) delayFunc(d *delay, names *importNames) ([]string, error) {
	param := "attempt"
	clash := false
	for _, e := range append([]ast.Expr{d.expr}, localValues(d)...) {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name == param && r.info.Uses[id] != types.Object(r.f.Counter) {
				clash = true
			}
			return true
		})
	}
	for _, v := range d.order {
		if v.Name() == param {
			clash = true
		}
	}
	if clash {
		param = "n"
	}
	counter := ""
	if d.counter {
		start, pre, delta, ok := r.counterAt()
		if !ok {
			return nil, noFix("the delay depends on the counter in a way the fixer does not follow")
		}
		counter = counterExpr(param, start, pre, delta)
	}
	names.needTime = true
	sort.Slice(d.order, func(i, j int) bool { return d.order[i].Pos() < d.order[j].Pos() })
	var body []string
	for _, v := range d.order {
		body = append(body, v.Name()+" := "+d.renderExpr(d.locals[v], counter, false))
	}
	body = append(body, "return "+d.renderExpr(d.expr, counter, false))
	return []string{fmt.Sprintf("%s.DelayFunc(func(%s int, _ error) %s.Duration {\n%s\n})",
		names.retry, param, names.time, strings.Join(body, "\n"))}, nil
}

func localValues(d *delay) []ast.Expr {
	var out []ast.Expr
	for _, v := range d.order {
		out = append(out, d.locals[v])
	}
	return out
}

// counterExpr writes the counter's value at the wait after failed call
// param: start + (param-1+pre)*delta.
func counterExpr(param string, start, pre, delta int64) string {
	k := pre - 1 // counter = start + (param + k) * delta
	var s string
	switch delta {
	case 1:
		s = param
		if off := start + k; off > 0 {
			s = fmt.Sprintf("%s+%d", param, off)
		} else if off < 0 {
			s = fmt.Sprintf("%s-%d", param, -off)
		}
	case -1:
		s = fmt.Sprintf("%d-%s", start-k, param)
	default:
		s = fmt.Sprintf("%d+(%s%+d)*%d", start, param, k, delta)
	}
	return s
}

// horizon is the number of waits checked when the attempt limit is not a
// constant: every schedule the fixer names either differs from its loop
// within these waits or only after more waiting than a time.Duration holds.
const horizon = 256

// namedSchedule matches a delay computed from constants and the counter to
// Constant, Linear or Exponential (with MaxDelay), checking every wait the
// loop can make.
func (r *rewrite) namedSchedule(d *delay, names *importNames) ([]string, bool) {
	start, pre, delta, ok := r.counterAt()
	if !ok {
		return nil, false
	}
	waits := horizon
	if r.f.Attempts.IsConst && r.f.CounterCheck == nil {
		waits = int(min(r.f.Attempts.Const-1, 100000))
	}
	if waits < 1 {
		return nil, false
	}
	ctype := types.TypeString(r.f.Counter.Type(), nil)
	var seq []time.Duration
	var sum float64
	for n := 1; n <= waits; n++ {
		c := start + (int64(n)-1+pre)*delta
		src := d.render(fmt.Sprintf("%s(%d)", ctype, c))
		tv, err := types.Eval(r.fset, r.pass.Pkg, r.wait.Delay.Pos(), src)
		if err != nil || tv.Value == nil || tv.Value.Kind() != constant.Int {
			return nil, false
		}
		v, exact := constant.Int64Val(tv.Value)
		if !exact {
			return nil, false
		}
		seq = append(seq, time.Duration(v))
		if sum += float64(v); sum >= math.MaxInt64 {
			break // more waiting than a time.Duration holds: never reached
		}
	}
	consts := r.durationConsts(d.expr)
	text := func(v time.Duration) string { return durationText(v, consts, names) }
	retry := names.retry
	first := seq[0]
	if len(seq) == 1 || allEqual(seq) {
		return []string{retry + ".Constant(" + text(first) + ")"}, true
	}
	// The cap: the largest value, when the sequence ends flat on it.
	capAt, capped := seq[len(seq)-1], false
	if len(seq) >= 2 && seq[len(seq)-1] == seq[len(seq)-2] {
		capped = true
	}
	withCap := func(opts []string) []string {
		if capped {
			return append(opts, retry+".MaxDelay("+text(capAt)+")")
		}
		return opts
	}
	limit := func(v time.Duration) time.Duration {
		if capped && v > capAt {
			return capAt
		}
		return v
	}
	// Two waits fit any line: name a growth only when there are three, or
	// the matcher read the same growth in the code.
	kind := r.f.Schedule.Kind
	if step := seq[1] - seq[0]; step > 0 && (len(seq) >= 3 || kind == shape.Linear) {
		ok := true
		for i, v := range seq {
			if v != limit(linearAt(first, step, i+1)) {
				ok = false
				break
			}
		}
		if ok {
			if first == step { // step, 2*step, 3*step, ...
				return withCap([]string{retry + ".Linear(" + text(step) + ")"}), true
			}
			return withCap([]string{retry + ".LinearFrom(" + text(first) + ", " + text(step) + ")"}), true
		}
	}
	if first > 0 && seq[1]%first == 0 && (len(seq) >= 3 || kind == shape.Exponential) {
		factor := int64(seq[1] / first)
		ok := factor >= 2
		for i, v := range seq {
			if !ok {
				break
			}
			if v != limit(exponentialAt(first, factor, i+1)) {
				ok = false
			}
		}
		if ok {
			return withCap([]string{fmt.Sprintf("%s.Exponential(%s, %d)", retry, text(first), factor)}), true
		}
	}
	return nil, false
}

func allEqual(seq []time.Duration) bool {
	for _, v := range seq {
		if v != seq[0] {
			return false
		}
	}
	return true
}

// linearAt and exponentialAt are the retry package's schedules (saturating
// at the largest duration), for checking a loop's delays against them.
func linearAt(initial, step time.Duration, n int) time.Duration {
	k := time.Duration(n - 1)
	if step > 0 && k > (math.MaxInt64-max(initial, 0))/step {
		return math.MaxInt64
	}
	return initial + k*step
}

func exponentialAt(initial time.Duration, factor int64, n int) time.Duration {
	d := initial
	for i := 1; i < n; i++ {
		if d > math.MaxInt64/time.Duration(factor) {
			return math.MaxInt64
		}
		d *= time.Duration(factor)
	}
	return d
}

// durationConsts lists the named constants of type time.Duration that e
// uses, by value, so that options can say upsertBackoffStep instead of
// 250*time.Millisecond.
func (r *rewrite) durationConsts(e ast.Expr) map[time.Duration]string {
	out := map[time.Duration]string{}
	ast.Inspect(e, func(n ast.Node) bool {
		var obj types.Object
		switch n := n.(type) {
		case *ast.Ident:
			obj = r.info.Uses[n]
		case *ast.SelectorExpr:
			if _, ok := r.info.Uses[n.Sel].(*types.Const); ok {
				if id, ok := n.X.(*ast.Ident); ok {
					if _, ok := r.info.Uses[id].(*types.PkgName); ok && !isTimeUnit(r.info.Uses[n.Sel]) {
						c := r.info.Uses[n.Sel].(*types.Const)
						if v, ok := durationOf(c); ok {
							if _, seen := out[v]; !seen {
								out[v] = r.nodeText(n)
							}
						}
					}
				}
			}
			return false
		}
		c, ok := obj.(*types.Const)
		if !ok || isTimeUnit(c) {
			return true
		}
		if v, ok := durationOf(c); ok {
			if _, seen := out[v]; !seen {
				out[v] = n.(*ast.Ident).Name
			}
		}
		return true
	})
	return out
}

func isTimeUnit(obj types.Object) bool {
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "time"
}

func durationOf(c *types.Const) (time.Duration, bool) {
	named, ok := types.Unalias(c.Type()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "time" || named.Obj().Name() != "Duration" {
		return 0, false
	}
	v, exact := constant.Int64Val(constant.ToInt(c.Val()))
	return time.Duration(v), exact
}

// durationText writes d as a constant the way people do: a named constant of
// the loop with that value, or N*time.Unit.
func durationText(d time.Duration, consts map[time.Duration]string, names *importNames) string {
	if name, ok := consts[d]; ok {
		return name
	}
	names.needTime = true
	tm := names.time
	units := []struct {
		d    time.Duration
		name string
	}{
		{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"},
		{time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"},
	}
	if d == 0 {
		return "0"
	}
	for _, u := range units {
		if d%u.d == 0 {
			if d == u.d {
				return tm + "." + u.name
			}
			return fmt.Sprintf("%d*%s.%s", d/u.d, tm, u.name)
		}
	}
	return fmt.Sprintf("%d*%s.Nanosecond", int64(d), tm)
}

// stateVar returns the variable the wait sleeps for when the body updates it
// from round to round (delay *= 2), declared before the loop.
func (r *rewrite) stateVar() *types.Var {
	v, ok := objOf(r.info, r.wait.Delay).(*types.Var)
	if !ok || v.IsField() || r.inLoop(v) {
		return nil
	}
	for _, a := range assignedIn(r.info, r.body) {
		if a == v {
			return v
		}
	}
	return nil
}

// stateSchedule handles a delay variable multiplied by a constant after each
// wait, maybe capped: an exponential schedule starting from its value before
// the loop.
func (r *rewrite) stateSchedule(v *types.Var, names *importNames) ([]string, error) {
	waitTop := r.topLevel(r.waitStmt)
	// The updates follow the wait at the top level of the body, or in the
	// wait's own block when the wait is nested (if err != nil { ...; wait;
	// d *= 2; continue }): either way they run after every wait.
	candidates := r.body.List
	if block := r.waitBlock(); waitTop != nil && waitTop != r.wait.Stmt && block != nil {
		candidates = nil
		for _, s := range r.body.List {
			if s != waitTop {
				candidates = append(candidates, s)
				continue
			}
			for _, t := range block {
				if t.Pos() > r.wait.Stmt.Pos() {
					candidates = append(candidates, t)
				}
			}
		}
	}
	var updates []ast.Stmt
	var factor int64
	var capExpr ast.Expr
	for _, s := range candidates {
		if !r.writes(s, v) {
			continue
		}
		if waitTop == nil || s.Pos() < waitTop.Pos() {
			return nil, noFix("the delay variable changes before the wait")
		}
		k, c, ok := r.delayUpdate(s, v)
		if !ok {
			return nil, noFix("the delay grows in a way the fixer does not follow")
		}
		if k > 0 {
			if factor != 0 {
				return nil, noFix("the delay grows in a way the fixer does not follow")
			}
			factor = k
		}
		if c != nil {
			if capExpr != nil {
				return nil, noFix("the delay grows in a way the fixer does not follow")
			}
			capExpr = c
		}
		updates = append(updates, s)
	}
	// Every write of v must be one of the updates found at the top level.
	n := 0
	for _, a := range assignedIn(r.info, r.body) {
		if a == v {
			n++
		}
	}
	counted := 0
	for _, s := range updates {
		for _, a := range assignedIn(r.info, s) {
			if a == v {
				counted++
			}
		}
	}
	if factor < 2 || n != counted {
		return nil, noFix("the delay grows in a way the fixer does not follow")
	}
	opts := []string{fmt.Sprintf("%s.Exponential(%s, %d)", names.retry, v.Name(), factor)}
	if capExpr != nil {
		// The loop caps the delays after the first; the package caps every
		// one: the same only when the first delay is within the cap.
		init := r.initialValue(v)
		capv, capOK := r.constDuration(capExpr)
		if init == nil || !capOK {
			return nil, noFix("the first delay may exceed the cap")
		}
		if iv, ok := r.constDuration(init); !ok || iv > capv {
			return nil, noFix("the first delay may exceed the cap")
		}
		opts = append(opts, names.retry+".MaxDelay("+r.nodeText(capExpr)+")")
	}
	r.movableAll(updates)
	if !r.readBeyondUpdates(v, updates) {
		for _, s := range updates {
			r.deleted[s] = true
		}
	}
	return opts, nil
}

func (r *rewrite) movableAll(list []ast.Stmt) {
	for _, s := range list {
		r.movable[s] = true
	}
}

// writes reports whether s assigns v.
func (r *rewrite) writes(s ast.Stmt, v *types.Var) bool {
	for _, a := range assignedIn(r.info, s) {
		if a == v {
			return true
		}
	}
	return false
}

// delayUpdate recognises delay *= k, delay = delay * k, delay <<= 1,
// delay = min(delay*k, cap) and if delay > cap { delay = cap }.
func (r *rewrite) delayUpdate(s ast.Stmt, v *types.Var) (factor int64, capExpr ast.Expr, ok bool) {
	isV := func(e ast.Expr) bool { return objOf(r.info, e) == v }
	constInt := func(e ast.Expr) (int64, bool) {
		tv, ok := r.info.Types[e]
		if !ok || tv.Value == nil {
			return 0, false
		}
		return constant.Int64Val(constant.ToInt(tv.Value))
	}
	product := func(e ast.Expr) (int64, bool) {
		be, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok {
			return 0, false
		}
		switch be.Op {
		case token.MUL:
			if isV(be.X) {
				return constInt(be.Y)
			}
			if isV(be.Y) {
				return constInt(be.X)
			}
		case token.SHL:
			if isV(be.X) {
				if k, ok := constInt(be.Y); ok && k >= 0 && k < 62 {
					return 1 << k, true
				}
			}
		case token.ADD:
			if isV(be.X) && isV(be.Y) {
				return 2, true
			}
		}
		return 0, false
	}
	switch s := s.(type) {
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 || !isV(s.Lhs[0]) {
			return 0, nil, false
		}
		switch s.Tok {
		case token.MUL_ASSIGN:
			k, ok := constInt(s.Rhs[0])
			return k, nil, ok
		case token.SHL_ASSIGN:
			k, ok := constInt(s.Rhs[0])
			if !ok || k < 0 || k >= 62 {
				return 0, nil, false
			}
			return 1 << k, nil, true
		case token.ASSIGN:
			if k, ok := product(s.Rhs[0]); ok {
				return k, nil, true
			}
			if call, ok := ast.Unparen(s.Rhs[0]).(*ast.CallExpr); ok && len(call.Args) == 2 {
				if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
					if b, ok := r.info.Uses[id].(*types.Builtin); ok && b.Name() == "min" {
						for i := range 2 {
							if k, ok := product(call.Args[i]); ok && r.invariant(call.Args[1-i]) {
								return k, call.Args[1-i], true
							}
						}
					}
				}
			}
		}
	case *ast.IfStmt:
		// if delay > cap { delay = cap }
		be, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
		if s.Init != nil || s.Else != nil || !ok || be.Op != token.GTR || !isV(be.X) || len(s.Body.List) != 1 {
			return 0, nil, false
		}
		as, ok := s.Body.List[0].(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || !isV(as.Lhs[0]) || !sameExpr(r.info, as.Rhs[0], be.Y) || !r.invariant(be.Y) {
			return 0, nil, false
		}
		return 0, be.Y, true
	}
	return 0, nil, false
}

// initialValue returns the expression last assigned to v before the loop,
// in the loop's own block.
func (r *rewrite) initialValue(v *types.Var) ast.Expr {
	var out ast.Expr
	ast.Inspect(r.fnBody, func(n ast.Node) bool {
		if n == nil || n.Pos() >= r.stmt.Pos() {
			return false
		}
		switch s := n.(type) {
		case *ast.AssignStmt:
			if len(s.Lhs) == len(s.Rhs) {
				for i, l := range s.Lhs {
					if objOf(r.info, l) == v {
						out = s.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range s.Names {
				if r.info.Defs[id] == v && i < len(s.Values) {
					out = s.Values[i]
				}
			}
		}
		return true
	})
	return out
}

func (r *rewrite) constDuration(e ast.Expr) (time.Duration, bool) {
	tv, ok := r.info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v, exact := constant.Int64Val(constant.ToInt(tv.Value))
	return time.Duration(v), exact
}

// readBeyondUpdates reports whether v is read anywhere but in the wait and
// its own updates.
func (r *rewrite) readBeyondUpdates(v *types.Var, updates []ast.Stmt) bool {
	for id, obj := range r.info.Uses {
		if obj != v || within(id, r.wait.Stmt) {
			continue
		}
		in := false
		for _, s := range updates {
			if within(id, s) {
				in = true
			}
		}
		if !in && id.Pos() > r.loop.Pos() {
			return true
		}
	}
	return false
}

// attemptsOption returns the option that bounds the calls as the loop did,
// noting the deliberate change when a limit below 1 would make one call
// where the loop made none.
func (r *rewrite) attemptsOption(names *importNames) (string, error) {
	retry := names.retry
	a := r.f.Attempts
	kind := r.loopKind()
	switch {
	case r.f.CounterCheck != nil, kind == shape.Unbounded:
		// The body leaves by itself when the attempts run out.
		return retry + ".Attempts(" + retry + ".Unlimited)", nil
	case kind == shape.TimeBudget:
		if r.f.Budget == nil {
			return "", noFix("the time budget is not understood")
		}
		if r.f.Budget.Check == nil {
			opt, err := r.budgetOption(names)
			if err != nil {
				return "", err
			}
			return retry + ".Attempts(" + retry + ".Unlimited), " + opt, nil
		}
		// The body checks the time itself, as the closure will.
		return retry + ".Attempts(" + retry + ".Unlimited)", nil
	case a.Limit == nil:
		return "", noFix("the attempt limit is not understood")
	}
	if !r.invariant(a.Limit) {
		return "", noFix("the attempt limit changes while the loop runs")
	}
	if a.IsConst {
		if a.Const < 1 {
			return "", noFix("the loop never runs")
		}
		text := fmt.Sprint(a.Const)
		if a.Offset == 0 {
			if tv := r.info.Types[a.Limit]; tv.Value != nil && isIdentOrSel(a.Limit) {
				text = r.nodeText(a.Limit)
			}
		}
		return retry + ".Attempts(" + text + ")", nil
	}
	text := r.nodeText(a.Limit)
	if t := r.info.TypeOf(a.Limit); t == nil || !types.Identical(t.Underlying(), types.Typ[types.Int]) {
		text = "int(" + text + ")"
	}
	switch {
	case a.Offset > 0:
		text = fmt.Sprintf("%s+%d", text, a.Offset)
	case a.Offset < 0:
		text = fmt.Sprintf("%s-%d", text, -a.Offset)
	}
	if r.callsOpAfter() {
		// for i := 0; i < m.Retries; i++ { ... }; return op(): the limit
		// counts retries, 0 is a setting people use, and with it the loop
		// made no call where retry.Do would make one.
		return "", noFix("the code after the loop calls the operation again, so a limit of 0 matters")
	}
	r.changes = append(r.changes, changeMinOne)
	return retry + ".Attempts(" + text + ")", nil
}

// callsOpAfter reports whether the code after the loop calls the function
// the loop retries, on the same receiver.
func (r *rewrite) callsOpAfter() bool {
	var op *ast.CallExpr
	if r.f.Op != nil {
		ast.Inspect(r.f.Op, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && op == nil && !r.pureCall(call) {
				op = call
			}
			return op == nil
		})
	}
	if op == nil {
		return false
	}
	found := false
	for _, s := range r.after {
		ast.Inspect(s, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && sameExpr(r.info, call.Fun, op.Fun) {
				found = true
			}
			return !found
		})
	}
	return found
}

func isIdentOrSel(e ast.Expr) bool {
	switch ast.Unparen(e).(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return true
	}
	return false
}

// budgetOption turns a time bound in the loop's header into MaxElapsed,
// measured from when retry.Do starts: the same as the loop's clock when the
// start (or the deadline) was taken right before the loop.
func (r *rewrite) budgetOption(names *importNames) (string, error) {
	b := r.f.Budget
	tm := names.time
	var limit ast.Expr
	var decl ast.Stmt
	var v types.Object
	switch {
	case b.Limit != nil:
		if b.Start == nil || b.StartDecl == nil || !r.isCallAssign(b.StartDecl, b.Start, "Now") {
			return "", noFix("the time budget does not start right before the loop")
		}
		limit, decl, v = b.Limit, b.StartDecl, b.Start
	case b.Deadline != nil:
		if b.DeadlineDecl != nil {
			dv := objOf(r.info, b.Deadline)
			if add := r.deadlineAdd(b.DeadlineDecl, dv); add != nil {
				limit, decl, v = add, b.DeadlineDecl, dv
			}
		}
	default:
		return "", noFix("the time budget is not understood")
	}
	if b.Inclusive {
		return "", noFix("the time budget lets an attempt start exactly at its end")
	}
	if decl != nil {
		if !r.instantBetween(decl) {
			return "", noFix("the time budget starts before other work")
		}
		if !r.invariant(limit) {
			return "", noFix("the time budget changes while the loop runs")
		}
		if !r.usedBeyondLoop(v, decl) {
			r.deleteBefore = append(r.deleteBefore, decl)
		}
		if tv := r.info.Types[limit]; tv.Value != nil {
			if d, ok := r.constDuration(limit); !ok || d <= 0 {
				return "", noFix("the loop never runs")
			}
			return names.retry + ".MaxElapsed(" + r.nodeText(limit) + ")", nil
		}
		if !r.goAtLeast("go1.21") {
			return "", noFix("the time budget needs Go 1.21")
		}
		names.needTime = true
		r.changes = append(r.changes, changeMinOne)
		return names.retry + ".MaxElapsed(max(" + r.nodeText(limit) + ", " + tm + ".Nanosecond))", nil
	}
	// A deadline from elsewhere: the budget is what is left of it when
	// retry.Do starts.
	if !r.invariant(b.Deadline) || !r.goAtLeast("go1.21") {
		return "", noFix("the deadline is not understood")
	}
	names.needTime = true
	r.changes = append(r.changes, changeMinOne)
	return names.retry + ".MaxElapsed(max(" + tm + ".Until(" + r.nodeText(b.Deadline) + "), " + tm + ".Nanosecond))", nil
}

// isCallAssign reports whether s is v := time.<fn>() or v = time.<fn>().
func (r *rewrite) isCallAssign(s ast.Stmt, v types.Object, fn string) bool {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || objOf(r.info, as.Lhs[0]) != v {
		return false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	return ok && len(call.Args) == 0 && isCallTo(r.info, call, "time", fn)
}

// deadlineAdd returns d when s is v := time.Now().Add(d).
func (r *rewrite) deadlineAdd(s ast.Stmt, v types.Object) ast.Expr {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || objOf(r.info, as.Lhs[0]) != v {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Add" {
		return nil
	}
	now, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok || !isCallTo(r.info, now, "time", "Now") {
		return nil
	}
	return call.Args[0]
}

// instantBetween reports whether only declarations without calls stand
// between s and the loop, so that no time passes between them.
func (r *rewrite) instantBetween(s ast.Stmt) bool {
	between := r.between(s, r.stmt).(*ast.BlockStmt)
	if len(between.List) == 0 {
		// Not in the same list: maybe s is the loop's own neighbour.
		if !r.adjacent(s) {
			return false
		}
	}
	ok := true
	for _, st := range between.List {
		ast.Inspect(st, func(n ast.Node) bool {
			if call, isCall := n.(*ast.CallExpr); isCall && !r.pureCall(call) {
				ok = false
			}
			return ok
		})
		switch st.(type) {
		case *ast.DeclStmt, *ast.AssignStmt:
		default:
			ok = false
		}
	}
	return ok
}

// adjacent reports whether s comes right before the loop in its list.
func (r *rewrite) adjacent(s ast.Stmt) bool {
	found := false
	ast.Inspect(r.fnBody, func(n ast.Node) bool {
		list := stmtList(n)
		for i := 1; i < len(list); i++ {
			if list[i] == r.stmt && list[i-1] == s {
				found = true
			}
		}
		return !found
	})
	return found
}

// usedBeyondLoop reports whether v is used anywhere but in its declaration
// and the loop's header.
func (r *rewrite) usedBeyondLoop(v types.Object, decl ast.Stmt) bool {
	for id, obj := range r.info.Uses {
		if obj != v || within(id, decl) {
			continue
		}
		if within(id, r.stmt) && !within(id, r.body) {
			continue
		}
		return true
	}
	return false
}

// goAtLeast reports whether the file may use the features of Go version v.
func (r *rewrite) goAtLeast(v string) bool {
	fv := r.info.FileVersions[r.file]
	if fv == "" {
		fv = r.pass.Pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}
