package shape

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math"
	"strings"

	"github.com/retrylint/retrylint/internal/code"
)

// The machine (machine.go) runs a loop on abstract values: integers and
// durations as int64 (wrapping as Go does), floats, booleans, and errors
// known only to be nil or not. What it cannot
// compute is unknown; a condition that depends on something unknown is an
// atom the machine forks on.

// vkind is the kind of an abstract value.
type vkind uint8

const (
	unknownV vkind = iota
	intV           // integers and durations, in int64
	floatV         // floating-point numbers
	boolV          // booleans
	errV           // an error: nil or not (b reports non-nil)
)

// value is an abstract value.
type value struct {
	kind vkind
	i    int64
	f    float64
	b    bool
	// rnd reports that the value depends on a random draw (taken as 0.5).
	rnd bool
	// probe reports that the value depends on an unknown that the machine
	// gave a stand-in value (a limit n, a base delay).
	probe bool
}

func (v value) known() bool { return v.kind != unknownV }

// num returns v as a float64, for comparisons and float arithmetic.
func (v value) num() (float64, bool) {
	switch v.kind {
	case intV:
		return float64(v.i), true
	case floatV:
		return v.f, true
	}
	return 0, false
}

func intVal(i int64) value { return value{kind: intV, i: i} }
func boolVal(b bool) value { return value{kind: boolV, b: b} }
func (v value) taint(w value) value {
	v.rnd = v.rnd || w.rnd
	v.probe = v.probe || w.probe
	return v
}

// key names a variable, or a field path of one (c.cfg.retries), that the
// machine keeps a value for.
type key struct {
	v    *types.Var
	path string // ".cfg.retries"; "" for the variable itself
}

// keyOf returns the key of an expression that names a variable or a chain
// of its fields.
func keyOf(info *types.Info, e ast.Expr) (key, bool) {
	root, fields, ok := code.SelectorPath(info, e)
	if !ok || root == nil {
		return key{}, false
	}
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(".")
		b.WriteString(f)
	}
	return key{root, b.String()}, true
}

// getterKey returns a key for a method call with no arguments, on a
// variable or a field path of one, that gives one integer
// (policy.MaxRetries()): a limit the loop asks for before each attempt,
// which the machine gives a stand-in as it does a field the loop leaves
// alone. The rewrite cannot know the call gives the same number each time,
// so such a limit gets no fix (ReasonLimitCall).
func getterKey(info *types.Info, e ast.Expr) (key, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return key{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return key{}, false
	}
	if s, found := info.Selections[sel]; !found || s.Kind() != types.MethodVal {
		return key{}, false
	}
	if !isIntType(info.TypeOf(call)) {
		return key{}, false
	}
	k, ok := keyOf(info, sel.X)
	if !ok {
		return key{}, false
	}
	k.path += "." + sel.Sel.Name + "()"
	return k, true
}

// isIntType, isFloatType and isBoolType classify basic types.
func basicInfo(t types.Type) types.BasicInfo {
	if t == nil {
		return 0
	}
	if b, ok := t.Underlying().(*types.Basic); ok {
		return b.Info()
	}
	return 0
}

func isIntType(t types.Type) bool   { return basicInfo(t)&types.IsInteger != 0 }
func isFloatType(t types.Type) bool { return basicInfo(t)&types.IsFloat != 0 }
func isBoolType(t types.Type) bool  { return basicInfo(t)&types.IsBoolean != 0 }

// tracked reports whether the machine keeps values of type t.
func tracked(t types.Type) bool {
	return isIntType(t) || isFloatType(t) || isBoolType(t) || code.IsError(t)
}

// constOf converts a constant of type t to an abstract value.
func constOf(c constant.Value, t types.Type) value {
	switch {
	case c.Kind() == constant.Bool:
		return boolVal(constant.BoolVal(c))
	case isFloatType(t):
		f, _ := constant.Float64Val(constant.ToFloat(c))
		return value{kind: floatV, f: f}
	case c.Kind() == constant.Int || isIntType(t):
		if i, ok := constant.Int64Val(constant.ToInt(c)); ok {
			return intVal(i)
		}
	case c.Kind() == constant.Float:
		f, _ := constant.Float64Val(c)
		return value{kind: floatV, f: f}
	}
	return value{}
}

// eval computes e in state st. Unknown parts give an unknown value; calls
// are evaluated only when they are pure (conversions, min and max, package
// math, time.Duration methods), or known to the machine (random draws, the
// clock, ctx.Err()).
func (mc *machine) eval(st *state, e ast.Expr) value {
	info := mc.m.info
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		return constOf(tv.Value, tv.Type)
	}
	if b, ok := st.assumed(mc.m, e); ok {
		return boolVal(b)
	}
	t := mc.m.typeOf(e)
	switch e := e.(type) {
	case *ast.Ident:
		if code.IsNil(info, e) {
			return value{kind: errV, b: false}
		}
		if isSentinel(info, e) {
			return value{kind: errV, b: true}
		}
		if k, ok := keyOf(info, e); ok {
			return st.get(mc, k)
		}
	case *ast.SelectorExpr:
		if isSentinel(info, e) {
			return value{kind: errV, b: true}
		}
		if k, ok := keyOf(info, e); ok {
			return st.get(mc, k)
		}
	case *ast.BinaryExpr:
		return mc.binary(st, e, t)
	case *ast.UnaryExpr:
		x := mc.eval(st, e.X)
		switch e.Op {
		case token.NOT:
			if x.kind == boolV {
				return boolVal(!x.b).taint(x)
			}
		case token.SUB:
			switch x.kind {
			case intV:
				return intVal(-x.i).taint(x)
			case floatV:
				return value{kind: floatV, f: -x.f}.taint(x)
			}
		case token.ADD:
			return x
		}
	case *ast.CallExpr:
		if k, ok := getterKey(info, e); ok {
			if _, ok := mc.probes[k]; ok {
				return st.get(mc, k)
			}
		}
		return mc.call(st, e, t)
	}
	return value{}
}

// binary evaluates a binary expression.
func (mc *machine) binary(st *state, e *ast.BinaryExpr, t types.Type) value {
	switch e.Op {
	case token.LAND, token.LOR:
		x := mc.eval(st, e.X)
		if x.kind == boolV && (x.b == (e.Op == token.LOR)) {
			return x
		}
		y := mc.eval(st, e.Y)
		if x.kind == boolV && y.kind == boolV {
			if e.Op == token.LAND {
				return boolVal(x.b && y.b).taint(x).taint(y)
			}
			return boolVal(x.b || y.b).taint(x).taint(y)
		}
		if y.kind == boolV && (y.b == (e.Op == token.LOR)) {
			return y
		}
		return value{}
	}
	x, y := mc.eval(st, e.X), mc.eval(st, e.Y)
	if !x.known() || !y.known() {
		return value{}
	}
	switch e.Op {
	case token.EQL, token.NEQ:
		if eq, ok := mc.concreteErrEqual(e, x, y); ok {
			return boolVal(eq == (e.Op == token.EQL)).taint(x).taint(y)
		}
		eq, ok := equal(x, y)
		if !ok {
			return value{}
		}
		return boolVal(eq == (e.Op == token.EQL)).taint(x).taint(y)
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
		a, ok1 := x.num()
		b, ok2 := y.num()
		if !ok1 || !ok2 {
			return value{}
		}
		var r bool
		switch e.Op {
		case token.LSS:
			r = a < b
		case token.LEQ:
			r = a <= b
		case token.GTR:
			r = a > b
		case token.GEQ:
			r = a >= b
		}
		return boolVal(r).taint(x).taint(y)
	}
	if isFloatType(t) {
		a, ok1 := x.num()
		b, ok2 := y.num()
		if !ok1 || !ok2 {
			return value{}
		}
		var r float64
		switch e.Op {
		case token.ADD:
			r = a + b
		case token.SUB:
			r = a - b
		case token.MUL:
			r = a * b
		case token.QUO:
			r = a / b
		default:
			return value{}
		}
		return value{kind: floatV, f: r}.taint(x).taint(y)
	}
	if x.kind != intV || y.kind != intV {
		return value{}
	}
	a, b := x.i, y.i
	var r int64
	switch e.Op {
	case token.ADD:
		r = a + b
	case token.SUB:
		r = a - b
	case token.MUL:
		r = a * b
	case token.QUO:
		if b == 0 {
			return value{}
		}
		r = a / b
	case token.REM:
		if b == 0 {
			return value{}
		}
		r = a % b
	case token.SHL:
		if b < 0 {
			return value{}
		}
		if b >= 64 {
			r = 0
		} else {
			r = a << uint(b)
		}
	case token.SHR:
		if b < 0 {
			return value{}
		}
		if b >= 64 {
			r = a >> 63
		} else {
			r = a >> uint(b)
		}
	case token.AND:
		r = a & b
	case token.OR:
		r = a | b
	case token.XOR:
		r = a ^ b
	case token.AND_NOT:
		r = a &^ b
	default:
		return value{}
	}
	return value{kind: x.kind, i: r}.taint(x).taint(y)
}

// isSentinel reports whether e names a package-level variable of an error
// type (io.EOF, ErrNotFound): an error value the code compares errors with,
// taken as non-nil.
func isSentinel(info *types.Info, e ast.Expr) bool {
	v, ok := code.Object(info, e).(*types.Var)
	return ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() && code.IsError(v.Type())
}

// concreteErrEqual compares an error of a type that is not an interface
// (syscall.Errno) with a constant: nil for it is its zero value, so a
// success equals 0 and a failure does not.
func (mc *machine) concreteErrEqual(e *ast.BinaryExpr, x, y value) (eq, ok bool) {
	errSide, other, errExpr := x, y, e.X
	if y.kind == errV {
		errSide, other, errExpr = y, x, e.Y
	}
	if errSide.kind != errV || other.kind == errV {
		return false, false
	}
	t := mc.m.info.TypeOf(errExpr)
	if t == nil {
		return false, false
	}
	if _, iface := t.Underlying().(*types.Interface); iface {
		return false, false
	}
	n, isNum := other.num()
	switch {
	case !isNum:
		return false, false
	case !errSide.b:
		return n == 0, true // a success is the zero value
	case n == 0:
		return false, true // a failure is not
	}
	return false, false
}

// equal compares two known values of comparable kinds.
func equal(x, y value) (bool, bool) {
	switch {
	case (x.kind == errV) != (y.kind == errV):
		// an error against a constant of a concrete type (err ==
		// syscall.EAGAIN): a nil error is no such value
		if e := x; e.kind == errV && !e.b || y.kind == errV && !y.b {
			return false, true
		}
		return false, false
	case x.kind == errV && y.kind == errV:
		// two errors are equal here only when both are nil: a failed
		// attempt's error is not any other value the code names
		if !x.b && !y.b {
			return true, true
		}
		if x.b != y.b {
			return false, true
		}
		return false, false
	case x.kind == boolV && y.kind == boolV:
		return x.b == y.b, true
	}
	a, ok1 := x.num()
	b, ok2 := y.num()
	if !ok1 || !ok2 {
		return false, false
	}
	return a == b, true
}

// call evaluates the calls the machine knows.
func (mc *machine) call(st *state, call *ast.CallExpr, t types.Type) value {
	info := mc.m.info
	if code.IsConversion(info, call) && len(call.Args) == 1 {
		x := mc.eval(st, call.Args[0])
		switch {
		case !x.known():
			return x
		case isIntType(t):
			if x.kind == floatV {
				if math.IsNaN(x.f) || math.IsInf(x.f, 0) || math.Abs(x.f) >= 9.2e18 {
					return value{}
				}
				return value{kind: intV, i: int64(x.f)}.taint(x)
			}
			if x.kind == intV {
				return x
			}
		case isFloatType(t):
			if f, ok := x.num(); ok {
				return value{kind: floatV, f: f}.taint(x)
			}
		}
		return value{}
	}
	switch fn := mc.m.minMax(call); fn {
	case "min", "max":
		var best value
		for i, a := range call.Args {
			x := mc.eval(st, a)
			if !x.known() {
				return value{}
			}
			if i == 0 {
				best = x
				continue
			}
			b, _ := best.num()
			c, _ := x.num()
			if (fn == "min") == (c < b) {
				best = x.taint(best)
			} else {
				best = best.taint(x)
			}
		}
		if isIntType(t) && best.kind == floatV {
			return value{}
		}
		return best
	}
	if len(call.Args) == 1 {
		// isReplicating(err), status.Code(err) of a nil error: a success
		// goes where the code sends it.
		if x := mc.eval(st, call.Args[0]); x.kind == errV && !x.b {
			if v, ok := mc.m.onNil(call); ok {
				return v
			}
		}
	}
	if p, name, ok := code.PkgFunc(info, call); ok {
		switch p {
		case "errors":
			// errors.Is(nil, ErrX) and errors.As(nil, &t) are false: a
			// test of the kind of error implies that there is one.
			if (name == "Is" || name == "As") && len(call.Args) == 2 {
				if x := mc.eval(st, call.Args[0]); x.kind == errV && !x.b {
					return boolVal(false)
				}
			}
		case "math":
			return mc.mathCall(st, name, call)
		case "math/rand", "math/rand/v2":
			return mc.randCall(st, name, call, t)
		case "time":
			// time.Now, Since and Until are what a time budget tests: the
			// machine leaves them unknown, so that a test of the budget is an
			// atom it forks on (see budgetAtom).
		}
		return value{}
	}
	if fn := code.Method(info, call); fn != nil {
		recv := ast.Unparen(call.Fun).(*ast.SelectorExpr).X
		if pp, tn := code.RecvNamed(fn); (pp == "math/rand" || pp == "math/rand/v2") && tn == "Rand" {
			return mc.randCall(st, fn.Name(), call, t) // r.Int64N(n): a draw from a source of the code's own
		}
		if pp, tn := code.RecvNamed(fn); pp == "time" {
			x := mc.eval(st, recv)
			switch {
			case tn == "Duration" && x.kind == intV:
				return durationMethod(fn.Name(), x)
			}
		}
		if fn.Name() == "Err" && len(call.Args) == 0 {
			if tv, ok := info.Types[recv]; ok && code.IsContext(tv.Type) {
				// ctx.Err() is nil until the context ends: the machine
				// forks on its end where a condition reads it (see atoms).
				return value{}
			}
		}
	}
	return value{}
}

func durationMethod(name string, d value) value {
	switch name {
	case "Seconds":
		return value{kind: floatV, f: float64(d.i) / 1e9}.taint(d)
	case "Milliseconds":
		return intVal(d.i / 1e6).taint(d)
	case "Microseconds":
		return intVal(d.i / 1e3).taint(d)
	case "Nanoseconds":
		return intVal(d.i).taint(d)
	case "Minutes":
		return value{kind: floatV, f: float64(d.i) / 6e10}.taint(d)
	}
	return value{}
}

func (mc *machine) mathCall(st *state, name string, call *ast.CallExpr) value {
	args := make([]float64, len(call.Args))
	var taint value
	for i, a := range call.Args {
		x := mc.eval(st, a)
		f, ok := x.num()
		if !ok {
			return value{}
		}
		args[i] = f
		taint = taint.taint(x)
	}
	var r float64
	switch {
	case name == "Pow" && len(args) == 2:
		r = math.Pow(args[0], args[1])
	case name == "Min" && len(args) == 2:
		r = math.Min(args[0], args[1])
	case name == "Max" && len(args) == 2:
		r = math.Max(args[0], args[1])
	case name == "Floor" && len(args) == 1:
		r = math.Floor(args[0])
	case name == "Ceil" && len(args) == 1:
		r = math.Ceil(args[0])
	case name == "Round" && len(args) == 1:
		r = math.Round(args[0])
	case name == "Exp2" && len(args) == 1:
		r = math.Exp2(args[0])
	default:
		return value{}
	}
	return value{kind: floatV, f: r}.taint(taint)
}

// randCall gives a random draw the middle of its range, marked random.
func (mc *machine) randCall(st *state, name string, call *ast.CallExpr, t types.Type) value {
	if isFloatType(t) {
		return value{kind: floatV, f: 0.5, rnd: true}
	}
	if isIntType(t) {
		if len(call.Args) == 1 {
			if n := mc.eval(st, call.Args[0]); n.kind == intV {
				return value{kind: intV, i: n.i / 2, rnd: true}.taint(n)
			}
		}
		return value{kind: intV, i: 1 << 20, rnd: true}
	}
	return value{}
}
