package fixer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/retrylint/retrylint/internal/shape"
)

// The closure cannot return from the function that held the loop, so every
// way out of an attempt is carried through retry.Do's result D:
//
//   - a return that ends the function with a nil error (or none) makes the
//     closure return nil, so D is nil;
//   - a return with a non-nil error makes it return retry.Permanent(err), so D
//     is that same error;
//   - a break makes it return nil: D is nil and the code after the loop runs;
//   - when the attempts run out D is the last error, and the code after the
//     loop runs.
//
// After retry.Do, the code looks at D (and, where D alone cannot tell two
// ways apart, at a flag the closure sets) to run what the loop would have
// run: the same return statement, or the code after the loop.

// class is the value D has on a way out: nil, or an error.
type class int

const (
	nilClass class = iota
	errClass
)

// way is one return statement of the loop as seen after retry.Do: the value
// of each result, as the closure carries it.
type way struct {
	key     string   // equal for returns that yield the same values
	parts   []string // per result: "D", "V", or source text
	nilLits []bool   // per result: the source wrote a literal nil
	classes []class  // the values D can have after it
	exits   []*exit
}

// plan is how the closure returns and what follows retry.Do.
type plan struct {
	value     bool   // retry.DoValue, carrying the function's first result
	valueType string // its type, as written in this file
	errVar    *types.Var
	assignD   bool // D is stored in errVar
	dName     string
	vName     string
	dUsed     bool
	direct    bool // return retry.Do(...)

	exitText map[ast.Stmt]string // replacement of return, break, continue
	endText  string              // the return that ends the body, if reachable
	endElse  *ast.IfStmt         // the if whose else holds endText, when it must
	pre      []string            // statements before retry.Do (flags)
	dispatch []string            // statements after retry.Do
}

var errorType = types.Universe.Lookup("error").Type()

// errIndex returns the index of the function's error result, or -1.
func (r *rewrite) errIndex() int {
	n := r.results.Len()
	if n > 0 && types.Identical(r.results.At(n-1).Type(), errorType) {
		return n - 1
	}
	return -1
}

// stable reports whether e can be evaluated after retry.Do with the value it
// had where the loop returned it: constants, literals, and variables of the
// function that the closure leaves alone once it returns.
func (r *rewrite) stable(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			obj := r.info.ObjectOf(n)
			if r.inLoop(obj) {
				ok = false
			}
		case *ast.CallExpr:
			if !r.pureCall(n) {
				ok = false
			}
		case *ast.FuncLit, *ast.IndexExpr, *ast.IndexListExpr, *ast.SliceExpr, *ast.StarExpr, *ast.TypeAssertExpr:
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW || n.Op == token.AND {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// key identifies what an expression denotes, for comparing returns.
func (r *rewrite) key(e ast.Expr) string {
	var b strings.Builder
	b.WriteString(types.ExprString(e))
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			fmt.Fprintf(&b, "|%p", r.info.ObjectOf(id))
		}
		return true
	})
	return b.String()
}

// retVal is one value a return statement yields.
type retVal struct {
	expr ast.Expr   // as written; nil for a named result of a bare return
	v    *types.Var // the named result of a bare return
	text string
	// call is set for return f() passing on f's results: the closure
	// stores them in the variables named text first.
	call *ast.CallExpr
}

// returnValues returns the values a return statement yields, one per result
// of the function.
func (r *rewrite) returnValues(ret *ast.ReturnStmt) ([]retVal, error) {
	if len(ret.Results) == r.results.Len() {
		out := make([]retVal, len(ret.Results))
		for i, e := range ret.Results {
			out[i] = retVal{expr: e, text: r.nodeText(e)}
		}
		return out, nil
	}
	if len(ret.Results) == 0 {
		// A bare return yields the named results.
		var out []retVal
		for i := 0; i < r.results.Len(); i++ {
			v := r.results.At(i)
			if v.Name() == "" || v.Name() == "_" {
				return nil, noFix("a return yields an unnamed result")
			}
			out = append(out, retVal{v: v, text: v.Name()})
		}
		return out, nil
	}
	if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok && len(ret.Results) == 1 {
		if tup, ok := r.info.TypeOf(call).(*types.Tuple); ok && tup.Len() == r.results.Len() {
			if r.tupleNames[ret] == nil {
				r.tupleNames[ret] = r.unusedNames(tup.Len())
			}
			out := make([]retVal, tup.Len())
			for i := range out {
				out[i] = retVal{text: r.tupleNames[ret][i], call: call}
			}
			return out, nil
		}
	}
	return nil, noFix("a return inside the loop passes on a call's results")
}

// unusedNames returns n names that the function does not use, for the
// variables that receive the results of return f().
func (r *rewrite) unusedNames(n int) []string {
	used := map[string]bool{}
	ast.Inspect(r.fnBody, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	for _, names := range r.tupleNames {
		for _, name := range names {
			used[name] = true
		}
	}
	cands := [][]string{{"result", "value", "v"}, {"err", "callErr", "resultErr"}}
	var out []string
	for i := 0; i < n; i++ {
		list := cands[0]
		if i == n-1 {
			list = cands[1]
		}
		name := ""
		for k := 1; name == ""; k++ {
			for _, c := range list {
				if k > 1 {
					c += strconv.Itoa(k)
				}
				if !used[c] {
					name = c
					break
				}
			}
		}
		used[name] = true
		out = append(out, name)
	}
	return out
}

// tuplePrelude returns the statement that stores the results of return f().
func (r *rewrite) tuplePrelude(vals []retVal) string {
	if len(vals) == 0 || vals[0].call == nil {
		return ""
	}
	var names []string
	for _, v := range vals {
		names = append(names, v.text)
	}
	return strings.Join(names, ", ") + " := " + r.nodeText(vals[0].call)
}

func (rv retVal) stable(r *rewrite) bool {
	if rv.call != nil {
		return false
	}
	return rv.expr == nil || r.stable(rv.expr)
}

func (rv retVal) key(r *rewrite) string {
	if rv.call != nil {
		return fmt.Sprintf("%s|%p", rv.text, rv.call)
	}
	if rv.expr == nil {
		return fmt.Sprintf("%s|%p", rv.text, rv.v)
	}
	return r.key(rv.expr)
}

func (rv retVal) isNil(r *rewrite) bool { return rv.expr != nil && isNilIdent(r.info, rv.expr) }

func (rv retVal) nilness(r *rewrite, f facts) nilness {
	if rv.call != nil {
		return unknown
	}
	if rv.expr == nil {
		return f.get(rv.v)
	}
	return r.track.value(f, rv.expr, errorType)
}

func (rv retVal) is(r *rewrite, v *types.Var) bool {
	if rv.call != nil {
		return false
	}
	if rv.expr == nil {
		return rv.v == v
	}
	return objOf(r.info, rv.expr) == types.Object(v)
}

func (rv retVal) mentions(r *rewrite, v *types.Var) bool {
	if rv.call != nil {
		return mentions(r.info, rv.call, v)
	}
	if rv.expr == nil {
		return rv.v == v
	}
	return mentions(r.info, rv.expr, v)
}

// ways groups the loop's return statements by what they yield after
// retry.Do, deciding whether the first result travels through DoValue.
func (r *rewrite) ways(exits []*exit, value, allV bool) ([]*way, error) {
	errIdx := r.errIndex()
	byKey := map[string]*way{}
	var out []*way
	for _, x := range exits {
		if x.kind != exitReturn {
			continue
		}
		vals, err := r.returnValues(x.stmt.(*ast.ReturnStmt))
		if err != nil {
			return nil, err
		}
		w := &way{}
		var keys []string
		for i, e := range vals {
			w.nilLits = append(w.nilLits, e.isNil(r))
			switch {
			case i == errIdx:
				w.parts = append(w.parts, "D")
				keys = append(keys, "D")
			case value && i == 0 && (allV || !e.stable(r)):
				w.parts = append(w.parts, "V")
				keys = append(keys, "V")
			case e.stable(r):
				w.parts = append(w.parts, e.text)
				keys = append(keys, e.key(r))
			default:
				if r.results.Len() == 2 && errIdx == 1 && i == 0 {
					return nil, errNeedValue
				}
				return nil, noFix("a return inside the loop yields a value computed in it")
			}
		}
		switch {
		case errIdx < 0:
			w.classes = []class{nilClass}
		default:
			switch vals[errIdx].nilness(r, x.facts) {
			case isNil:
				w.classes = []class{nilClass}
			case nonNil:
				w.classes = []class{errClass}
			default:
				w.classes = []class{nilClass, errClass}
			}
		}
		k := strings.Join(keys, ",")
		if prev, ok := byKey[k]; ok {
			prev.exits = append(prev.exits, x)
			prev.classes = unionClasses(prev.classes, w.classes)
			continue
		}
		w.key = k
		w.exits = []*exit{x}
		byKey[k] = w
		out = append(out, w)
	}
	return out, nil
}

var errNeedValue = noFix("needs DoValue")

func unionClasses(a, b []class) []class {
	m := map[class]bool{}
	for _, c := range append(a, b...) {
		m[c] = true
	}
	var out []class
	for c := nilClass; c <= errClass; c++ {
		if m[c] {
			out = append(out, c)
		}
	}
	return out
}

func hasClass(list []class, c class) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

// postKey returns what the code after the loop yields when it is a return
// statement whose values are all known after retry.Do, or "" when it is
// anything else. D stands for the error only where it is known to be D.
func (r *rewrite) postKey(c class, p *plan) string {
	const unknown = "?"
	if len(r.after) == 0 {
		if r.results.Len() == 0 && r.inFuncBody() {
			return "" // falling off the end of the function returns
		}
		return unknown
	}
	ret, ok := r.after[0].(*ast.ReturnStmt)
	if !ok {
		return unknown
	}
	vals, err := r.returnValues(ret)
	if err != nil {
		return unknown
	}
	errIdx := r.errIndex()
	var keys []string
	for i, e := range vals {
		switch {
		case i == errIdx && p.assignD && e.is(r, p.errVar):
			keys = append(keys, "D")
		case i == errIdx && c == nilClass && e.isNil(r):
			keys = append(keys, "D")
		case e.stable(r) && !(p.assignD && e.mentions(r, p.errVar)):
			keys = append(keys, e.key(r))
		default:
			return unknown
		}
	}
	return strings.Join(keys, ",")
}

// inFuncBody reports whether the loop is a statement of the function body
// itself, so that falling off the end of its block returns.
func (r *rewrite) inFuncBody() bool {
	for _, s := range r.fnBody.List {
		if s == r.stmt {
			return true
		}
	}
	return false
}

// mentions reports whether e uses v.
func mentions(info *types.Info, e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.ObjectOf(id) == v {
			found = true
		}
		return !found
	})
	return found
}

// planExits builds the plan: the closure's returns and the code after
// retry.Do. It tries the error variables the closure may return on retries,
// with and without storing D in it, and keeps the simplest plan.
func (r *rewrite) planExits(exits []*exit, names *importNames, onDone *onDonePlan) (*plan, error) {
	value := false
	if _, err := r.ways(exits, false, false); err == errNeedValue {
		value = true
	} else if err != nil {
		return nil, err
	}
	var candidates []*types.Var
	if r.f.Err != nil {
		candidates = append(candidates, r.f.Err)
	}
	if len(r.after) > 0 {
		if ret, ok := r.after[0].(*ast.ReturnStmt); ok && r.errIndex() >= 0 && len(ret.Results) == r.results.Len() {
			if v, ok := objOf(r.info, ret.Results[r.errIndex()]).(*types.Var); ok && v != r.f.Err {
				candidates = append(candidates, v)
			}
		}
	}
	var best *plan
	var firstErr error
	for _, ev := range candidates {
		for _, cfg := range []struct{ assign, allV bool }{{true, true}, {true, false}, {false, true}, {false, false}} {
			if cfg.allV && !value {
				continue
			}
			p, err := r.tryPlan(exits, ev, cfg.assign, cfg.allV, value, names, onDone)
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			if best == nil || p.cost() < best.cost() {
				best = p
			}
		}
	}
	if best == nil {
		if firstErr == nil {
			firstErr = noFix("the error of the attempt is not understood")
		}
		return nil, firstErr
	}
	return best, nil
}

// cost ranks plans: fewer flags and fewer statements after retry.Do read
// better.
func (p *plan) cost() int {
	return 10*len(p.pre) + len(p.dispatch)
}

func (r *rewrite) tryPlan(exits []*exit, ev *types.Var, assign, allV, value bool, names *importNames, onDone *onDonePlan) (*plan, error) {
	p := &plan{value: value, errVar: ev, assignD: assign, exitText: map[ast.Stmt]string{}}
	if !types.Identical(ev.Type(), errorType) {
		return nil, noFix("the error variable is not of type error")
	}
	if ev.Parent() == nil {
		return nil, noFix("the error variable is not understood")
	}
	for _, x := range exits {
		if x.kind != exitRetry {
			continue
		}
		if x.facts.get(ev) != nonNil {
			return nil, noFix("some attempts are retried while the error may be nil")
		}
		if !r.isLocal(ev) {
			continue
		}
		if x.stmt != nil {
			if !ev.Parent().Contains(x.stmt.Pos()) {
				return nil, noFix("the error is out of scope where the attempt is retried")
			}
			continue
		}
		if ev.Parent() == r.info.Scopes[r.body] {
			continue
		}
		// err declared by if err := op(); err == nil { ... }: the retry
		// goes into an else branch of that if.
		if s := r.elseAnchor(ev); s != nil {
			p.endElse = s
			continue
		}
		return nil, noFix("the error is out of scope where the attempt is retried")
	}
	if assign {
		if r.isLocal(ev) || r.inLoop(ev) {
			return nil, noFix("the error variable is declared in the loop")
		}
	}
	ways, err := r.ways(exits, value, allV)
	if err != nil {
		return nil, err
	}
	if assign {
		for _, w := range ways {
			for _, x := range w.exits {
				vals, _ := r.returnValues(x.stmt.(*ast.ReturnStmt))
				for i, v := range vals {
					if i != r.errIndex() && v.mentions(r, ev) {
						return nil, noFix("a return inside the loop uses the error variable")
					}
				}
			}
		}
	}
	if value {
		p.valueType = r.typeText(r.results.At(0).Type(), names)
		if p.valueType == "" {
			return nil, noFix("the type of the function's result cannot be written here")
		}
	}
	exhausts := r.f.CounterCheck == nil && r.loopKind() != shape.Unbounded &&
		(r.loopKind() != shape.TimeBudget || r.f.Budget.Check == nil)
	breakNil, breakErr := false, false
	for _, x := range exits {
		if x.kind != exitBreak {
			continue
		}
		if r.isLocal(ev) && !ev.Parent().Contains(x.stmt.Pos()) {
			return nil, noFix("the error is out of scope where the loop is left")
		}
		switch x.facts.get(ev) {
		case isNil:
			breakNil = true
		case nonNil:
			breakErr = true
		default:
			breakNil, breakErr = true, true
		}
	}

	// Names: D, V and the flags.
	taken := map[string]bool{}
	if assign {
		p.dName = ev.Name()
	} else {
		p.dName = r.freshName(taken, "err", "retryErr")
	}
	if value {
		cands := []string{}
		for _, w := range ways {
			for _, x := range w.exits {
				vals, _ := r.returnValues(x.stmt.(*ast.ReturnStmt))
				if id, ok := vals[0].expr.(*ast.Ident); ok && hasClass(w.classes, nilClass) {
					cands = append(cands, id.Name)
				}
			}
		}
		cands = append(cands, "v", "value")
		p.vName = r.freshName(taken, cands...)
	}

	// What follows retry.Do, per class of D.
	type branch struct {
		w    *way
		cond []string
		flag string
	}
	var branches []*branch
	flagged := map[*way]map[class]bool{} // the classes in which a way needs a flag
	for _, c := range []class{nilClass, errClass} {
		var inClass []*way
		for _, w := range ways {
			if hasClass(w.classes, c) {
				inClass = append(inClass, w)
			}
		}
		postHere := (c == nilClass && breakNil) || (c == errClass && (exhausts || breakErr))
		if len(inClass) == 0 {
			continue
		}
		if len(inClass) > 1 {
			return nil, noFix("the loop returns in too many different ways")
		}
		w := inClass[0]
		var cond string
		switch {
		case r.postKey(c, p) == w.key:
			continue // the code after the loop does the same
		case postHere:
			if flagged[w] == nil {
				flagged[w] = map[class]bool{}
			}
			flagged[w][c] = true
			cond = "flag"
		case c == nilClass:
			cond = p.dName + " == nil"
			p.dUsed = true
		default:
			cond = p.dName + " != nil"
			p.dUsed = true
		}
		found := false
		for _, b := range branches {
			if b.w == w {
				b.cond = append(b.cond, cond)
				found = true
			}
		}
		if !found {
			branches = append(branches, &branch{w: w, cond: []string{cond}})
		}
	}
	flags := map[*way]string{}
	for _, w := range ways {
		if fc := flagged[w]; fc != nil {
			name := "stopped"
			switch {
			case !fc[nilClass]:
				name = "permanent"
			case !fc[errClass]:
				name = "done"
			}
			flags[w] = r.freshName(taken, name)
			p.pre = append(p.pre, flags[w]+" := false")
		}
	}
	for _, b := range branches {
		for i, c := range b.cond {
			if c == "flag" {
				b.cond[i] = flags[b.w]
			}
		}
	}
	// needsFlag reports whether an exit of w sets w's flag: when it can give
	// D a value of a class in which w needs one.
	needsFlag := func(w *way, x *exit) bool {
		fc := flagged[w]
		if fc == nil {
			return false
		}
		errIdx := r.errIndex()
		if errIdx < 0 {
			return fc[nilClass]
		}
		vals, _ := r.returnValues(x.stmt.(*ast.ReturnStmt))
		switch vals[errIdx].nilness(r, x.facts) {
		case isNil:
			return fc[nilClass]
		case nonNil:
			return fc[errClass]
		}
		return true
	}

	// The closure's returns.
	errIdx := r.errIndex()
	retryVal := ""
	if value {
		retryVal = r.zeroText(r.results.At(0).Type(), names)
	}
	stop := func(x *exit, errText string, w *way) string {
		var lines []string
		if x.kind == exitReturn {
			vals, _ := r.returnValues(x.stmt.(*ast.ReturnStmt))
			if pre := r.tuplePrelude(vals); pre != "" {
				lines = append(lines, pre)
			}
		}
		if w != nil && needsFlag(w, x) {
			lines = append(lines, flags[w]+" = true")
		}
		ret := "return " + errText
		if value {
			v := retryVal
			if x.kind == exitReturn {
				vals, _ := r.returnValues(x.stmt.(*ast.ReturnStmt))
				v = vals[0].text
			}
			ret = "return " + v + ", " + errText
		}
		return strings.Join(append(lines, ret), "\n")
	}
	for _, w := range ways {
		for _, x := range w.exits {
			errText := "nil"
			if errIdx >= 0 {
				vals, _ := r.returnValues(x.stmt.(*ast.ReturnStmt))
				e := vals[errIdx]
				if e.nilness(r, x.facts) != isNil {
					errText = names.retry + ".Permanent(" + e.text + ")"
				}
			}
			p.exitText[x.stmt] = stop(x, errText, w)
		}
	}
	for _, x := range exits {
		switch x.kind {
		case exitBreak:
			// Leave with D equal to the error variable, as the code after
			// the loop finds it.
			errText := "nil"
			if x.facts.get(ev) != isNil {
				errText = names.retry + ".Permanent(" + ev.Name() + ")"
			}
			p.exitText[x.stmt] = stop(x, errText, nil)
		case exitRetry:
			var lines []string
			if r.counter.step != "" {
				lines = append(lines, r.counter.step)
			}
			ret := "return " + ev.Name()
			if value {
				v := r.retryValue(x, names)
				ret = "return " + v + ", " + ev.Name()
			}
			lines = append(lines, ret)
			text := strings.Join(lines, "\n")
			if x.stmt == nil {
				p.endText = text
			} else {
				p.exitText[x.stmt] = text
			}
		}
	}

	// The code after retry.Do.
	if onDone != nil {
		lines, err := onDone.render(r, p, names)
		if err != nil {
			return nil, err
		}
		p.dispatch = append(p.dispatch, lines...)
		p.dUsed = p.dUsed || len(lines) > 0
	}
	nilReach, errReach := breakNil, exhausts || breakErr
	for _, w := range ways {
		nilReach = nilReach || hasClass(w.classes, nilClass)
		errReach = errReach || hasClass(w.classes, errClass)
	}
	unconditional := false
	for _, b := range branches {
		text := r.wayText(b.w, p, b.cond)
		cond := strings.Join(b.cond, " || ")
		if cond == p.dName+" == nil || "+p.dName+" != nil" ||
			(cond == p.dName+" == nil" && !errReach) || (cond == p.dName+" != nil" && !nilReach) {
			// D can have no other value here.
			p.dispatch = append(p.dispatch, text)
			unconditional = true
			continue
		}
		p.dispatch = append(p.dispatch, "if "+cond+" {\n"+text+"\n}")
	}
	if len(p.dispatch) == 1 && unconditional && onDone == nil && len(r.after) == 0 && len(p.pre) == 0 {
		// return retry.Do(...): when all that follows is returning D.
		w := branches[len(branches)-1].w
		if w.allD(value) {
			p.direct = true
			p.dispatch = nil
		}
	}
	return p, nil
}

// allD reports whether a way returns exactly what retry.Do returned.
func (w *way) allD(value bool) bool {
	switch {
	case value:
		return len(w.parts) == 2 && w.parts[0] == "V" && w.parts[1] == "D"
	default:
		return len(w.parts) == 1 && w.parts[0] == "D"
	}
}

// wayText writes the return statement of a way after retry.Do.
func (r *rewrite) wayText(w *way, p *plan, conds []string) string {
	onlyNil := len(conds) == 1 && conds[0] == p.dName+" == nil"
	var parts []string
	for i, part := range w.parts {
		switch part {
		case "D":
			if onlyNil && w.nilLits[i] {
				parts = append(parts, "nil")
			} else {
				parts = append(parts, p.dName)
				p.dUsed = true
			}
		case "V":
			parts = append(parts, p.vName)
		default:
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		return "return"
	}
	return "return " + strings.Join(parts, ", ")
}

// retryValue is the value the closure of DoValue returns with a retryable
// error: a variable of the result's type in scope there, else its zero value.
func (r *rewrite) retryValue(x *exit, names *importNames) string {
	pos := r.body.Rbrace - 1
	if x.stmt != nil {
		pos = x.stmt.Pos()
	}
	t := r.results.At(0).Type()
	var cands []string
	for id, obj := range r.info.Defs {
		v, ok := obj.(*types.Var)
		if !ok || !within(id, r.body) || !types.Identical(v.Type(), t) || id.Pos() > pos {
			continue
		}
		if v.Parent() != nil && v.Parent().Contains(pos) {
			cands = append(cands, v.Name())
		}
	}
	sort.Strings(cands)
	if len(cands) > 0 {
		return cands[0]
	}
	return r.zeroText(t, names)
}

// zeroText writes the zero value of t, or "" when it cannot be written here.
func (r *rewrite) zeroText(t types.Type, names *importNames) string {
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil"
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false"
		case u.Info()&types.IsString != 0:
			return `""`
		case u.Info()&types.IsNumeric != 0:
			if _, named := types.Unalias(t).(*types.Named); named {
				return r.typeText(t, names) + "(0)"
			}
			return "0"
		}
	case *types.Struct, *types.Array:
		if text := r.typeText(t, names); text != "" {
			return text + "{}"
		}
	}
	return ""
}

// typeText writes t as this file names it, or "" when a package it needs is
// not imported.
func (r *rewrite) typeText(t types.Type, names *importNames) string {
	ok := true
	s := types.TypeString(t, func(p *types.Package) string {
		if p == r.pass.Pkg {
			return ""
		}
		if n := names.imported[p.Path()]; n != "" {
			return n
		}
		ok = false
		return p.Name()
	})
	if !ok {
		return ""
	}
	return s
}

// elseAnchor returns the if statement of the body that declares ev in its
// init and after which nothing but the wait runs: its else branch is where
// the closure can return ev to ask for another attempt.
func (r *rewrite) elseAnchor(ev *types.Var) *ast.IfStmt {
	for i, s := range r.body.List {
		ifs, ok := s.(*ast.IfStmt)
		if !ok || ifs.Else != nil || ifs.Init == nil || r.info.Scopes[ifs] != ev.Parent() {
			continue
		}
		for _, rest := range r.body.List[i+1:] {
			if rest != r.waitStmt && !r.deleted[rest] {
				return nil
			}
		}
		return ifs
	}
	return nil
}
