package shape

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"time"

	"github.com/retrylint/retrylint/internal/code"
)

// This file renders a Retry in words: the parts of a diagnostic's message
// and the columns of the inventory. The fixer renders the same fields as
// code, so what a message names is what the fix writes.

// Summary lists what the matcher understood of the retry's policy: its
// attempts, its time budget and its schedule, as far as each is known
// ("5 attempts", "for up to 30s", "exponential backoff from 500ms", "a
// first wait of 10ms" when it waits before its first attempt too).
func (r *Retry) Summary(info *types.Info) []string {
	var parts []string
	if s := r.AttemptsText(); s != "" {
		parts = append(parts, s)
	}
	if s := r.BudgetText(info); s != "" {
		parts = append(parts, s)
	}
	if s := r.ScheduleText(info); s != "" {
		parts = append(parts, s)
	}
	if w := r.Wait; w != nil && w.First != nil {
		if d := DurationText(info, *w.First); d != "" {
			parts = append(parts, "a first wait of "+d)
		}
	}
	return parts
}

// AttemptsText says how many attempts the retry makes: "5 attempts",
// "maxRetries+1 attempts"; "" when it is not bounded by a count.
func (r *Retry) AttemptsText() string {
	a := r.Bound.Attempts
	if r.Bound.Kind != ByCount {
		return ""
	}
	if a.IsConst {
		if a.Const == 1 {
			return "1 attempt"
		}
		return fmt.Sprintf("%d attempts", a.Const)
	}
	if a.Limit == nil {
		return ""
	}
	return LimitText(a) + " attempts"
}

// LimitText writes the limit of a count as the code does: maxRetries,
// maxRetries+1, (n*2)-1.
func LimitText(a Attempts) string {
	s := types.ExprString(a.Limit)
	if _, ok := ast.Unparen(a.Limit).(*ast.BinaryExpr); ok && a.Offset != 0 {
		s = "(" + s + ")"
	}
	switch {
	case a.Offset > 0:
		s += fmt.Sprintf("+%d", a.Offset)
	case a.Offset < 0:
		s += fmt.Sprintf("%d", a.Offset)
	}
	return s
}

// BudgetText says how long the retry may go on: "for up to 30s", "until
// deadline"; "" when it has no time budget.
func (r *Retry) BudgetText(info *types.Info) string {
	b := r.Bound.Budget
	if r.Bound.Kind != ByTime || b == nil {
		return ""
	}
	switch {
	case b.Limit != nil:
		return "for up to " + ExprText(info, b.Limit)
	case b.Deadline != nil:
		return "until " + types.ExprString(b.Deadline)
	}
	return ""
}

// ScheduleText names the schedule: "constant delay of 100ms", "linear
// backoff from 1s", "exponential backoff x1.5 from 500ms capped at 10s with
// jitter", "computed delay"; "" when the retry does not wait or the delay is
// not known. It is DelayText, then CapText and JitterText.
func (r *Retry) ScheduleText(info *types.Info) string {
	s := r.DelayText(info)
	if s == "" || r.Schedule.Kind == NoDelay {
		return s
	}
	if c := r.CapText(info); c != "" {
		s += " capped at " + c
	}
	if r.JitterText() != "" {
		s += " with jitter"
	}
	return s
}

// DelayText names how the delays grow, without their cap and jitter:
// "constant delay of 100ms", "linear backoff from 1s", "exponential backoff
// x1.5 from 500ms", "computed delay", "no delay"; "" when the delay is not
// known.
func (r *Retry) DelayText(info *types.Info) string {
	s := r.Schedule
	var b strings.Builder
	from := DurationText(info, s.Initial)
	switch s.Kind {
	case Constant:
		b.WriteString("constant delay")
		if from != "" {
			b.WriteString(" of " + from)
		}
	case Linear:
		b.WriteString("linear backoff")
		if from != "" {
			b.WriteString(" from " + from)
		}
	case Exponential:
		b.WriteString("exponential backoff")
		if s.Factor != 2 && s.Factor != 0 {
			fmt.Fprintf(&b, " x%g", s.Factor)
		}
		if from != "" {
			b.WriteString(" from " + from)
		}
	case Custom:
		b.WriteString("computed delay")
	case NoDelay:
		return "no delay"
	default:
		return ""
	}
	return b.String()
}

// CapText is the largest delay when the code caps the delays ("10s",
// "c.maxDelay"); "" otherwise.
func (r *Retry) CapText(info *types.Info) string {
	if r.Schedule.Cap == nil || r.Schedule.Kind == NoDelay {
		return ""
	}
	return DurationText(info, *r.Schedule.Cap)
}

// JitterText says how the delays are randomised: "custom" when random
// numbers enter the delay in the code's own way; "" when the delays are
// exact.
func (r *Retry) JitterText() string {
	if r.Schedule.Jitter == CustomJitter && r.Schedule.Kind != NoDelay {
		return "custom"
	}
	return ""
}

// BoundText says what ends the retries when the operation keeps failing:
// the attempts ("5 attempts") or the time budget ("for up to 30s"), "until
// ctx ends" for a retry that only its context ends, "until a channel it
// checks is ready" for one that a stop channel ends, and "unbounded" for one
// that only success or an error it gives up on ends.
func (r *Retry) BoundText(info *types.Info) string {
	switch r.Bound.Kind {
	case ByCount:
		if s := r.AttemptsText(); s != "" {
			return s
		}
		return "counted attempts"
	case ByTime:
		if s := r.BudgetText(info); s != "" {
			return s
		}
		return "a time budget"
	}
	if r.WatchesCtx() {
		return "until " + r.ctxName() + " ends"
	}
	if r.Exits.Stopped != nil {
		return "until a channel it checks is ready"
	}
	return "unbounded"
}

// WatchesCtx reports whether the retry stops when a context ends: its wait
// is cut short by ctx.Done(), or the loop tests ctx.Err() itself.
func (r *Retry) WatchesCtx() bool {
	return r.Exits.Interrupted != nil || r.Wait != nil && r.Wait.Ctx != nil
}

// CtxText says whether the retry stops when a context ends: "watches ctx"
// when it does, "ignores ctx" when a context is in scope and the waits do
// not watch it, "no context" when there is none.
func (r *Retry) CtxText() string {
	switch {
	case r.WatchesCtx():
		return "watches " + r.ctxName()
	case r.Func.Ctx != nil:
		return "ignores " + r.Func.Ctx.Name()
	}
	return "no context"
}

// ctxName is the name of the context the retry watches, or of the one in
// scope.
func (r *Retry) ctxName() string {
	switch {
	case r.Wait != nil && r.Wait.Ctx != nil:
		return r.Wait.Ctx.Name()
	case r.Exits.Ctx != nil:
		return r.Exits.Ctx.Name()
	case r.Func.Ctx != nil:
		return r.Func.Ctx.Name()
	}
	return "its context"
}

// RetriesOnText says which failures are retried, from the classes in the
// order the code tests them: "any error" when it retries them all;
// otherwise the tests, joined by "; ": "isTimeout(err)" for a function that
// says yes to what is retried, "all but isPermanent(err)" for one that
// says which give up, "only ErrBusy" and "all but ErrNotFound" for errors
// compared with errors.Is or ==, and any other test as written ("retry
// when err != io.EOF", "give up when ...").
func (r *Retry) RetriesOnText(info *types.Info) string {
	if len(r.Classes) == 0 {
		return "any error"
	}
	errName := "err"
	if r.Op.Err != nil {
		errName = r.Op.Err.Name()
	}
	var parts []string
	for _, c := range r.Classes {
		p := c.Pred
		var s string
		switch p.Kind {
		case PredCall:
			call := types.ExprString(p.Fun) + "(" + errName + ")"
			if p.Negated {
				s = call
			} else {
				s = "all but " + call
			}
		case PredIs, PredEqual:
			var ts []string
			for _, t := range p.Targets {
				ts = append(ts, types.ExprString(t))
			}
			if p.Negated {
				s = "only " + strings.Join(ts, ", ")
			} else {
				s = "all but " + strings.Join(ts, ", ")
			}
		default:
			if c.GiveUpWhen {
				s = "give up when " + types.ExprString(c.Cond)
			} else {
				s = "retry when " + types.ExprString(c.Cond)
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// SideWork is what a piece of side work is, for the inventory.
type SideWork int

const (
	// OtherWork is any other statement (closing a body, resetting state).
	OtherWork SideWork = iota
	// LogWork writes a log line (see code.IsLogCall).
	LogWork
	// MetricWork records a metric: a call of a metrics library or of an
	// atomic counter (see code.IsMetricCall), or a count kept with ++, --
	// or +=.
	MetricWork
)

// Work says what s is, and names it by what it calls ("log.Printf",
// "s.retries.Inc") or counts ("s.failures++"); a statement that logs and
// counts is a log. The name is "" for other work.
func (s Side) Work(info *types.Info) (SideWork, string) {
	kind, name := OtherWork, ""
	ast.Inspect(s.Stmt, func(n ast.Node) bool {
		if kind == LogWork {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // runs when something calls it, not here
		case *ast.CallExpr:
			switch {
			case code.IsLogCall(info, n):
				kind, name = LogWork, types.ExprString(n.Fun)
				return false
			case kind == OtherWork && code.IsMetricCall(info, n):
				kind, name = MetricWork, types.ExprString(n.Fun)
			}
		case *ast.IncDecStmt:
			if kind == OtherWork {
				kind, name = MetricWork, types.ExprString(n.X)+n.Tok.String()
			}
		case *ast.AssignStmt:
			if kind == OtherWork && (n.Tok == token.ADD_ASSIGN || n.Tok == token.SUB_ASSIGN) && len(n.Lhs) == 1 {
				kind, name = MetricWork, types.ExprString(n.Lhs[0])+" "+n.Tok.String()
			}
		}
		return true
	})
	return kind, name
}

// DurationText shows a duration as its value when it is a constant (30s),
// as written otherwise (c.timeout); "" when neither is known.
func DurationText(info *types.Info, d Duration) string {
	if d.IsConst {
		return ShortDuration(d.Value)
	}
	if d.Expr != nil {
		return ExprText(info, d.Expr)
	}
	return ""
}

// ExprText shows a duration expression as its value when it is a constant,
// as written otherwise.
func ExprText(info *types.Info, e ast.Expr) string {
	if n, ok := code.ConstInt(info, e); ok && code.IsDuration(info.TypeOf(e)) {
		return ShortDuration(time.Duration(n))
	}
	return types.ExprString(e)
}

// ShortDuration prints 1m instead of time.Duration's 1m0s.
func ShortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// String names the category as in Go (CountedLoop, RetryFunc, ...).
func (c Category) String() string {
	switch c {
	case CountedLoop:
		return "CountedLoop"
	case WhileCounter:
		return "WhileCounter"
	case TimeBudget:
		return "TimeBudget"
	case RetryFunc:
		return "RetryFunc"
	}
	return "Category(0)"
}

// String names the wait kind (Sleep, Select, ...).
func (k WaitKind) String() string {
	switch k {
	case Sleep:
		return "Sleep"
	case After:
		return "After"
	case Select:
		return "Select"
	case Timer:
		return "Timer"
	case Helper:
		return "Helper"
	case Ticker:
		return "Ticker"
	}
	return "WaitKind(0)"
}
