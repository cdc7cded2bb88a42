package shape

import (
	"fmt"
	"go/ast"
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
// ("5 attempts", "for up to 30s", "exponential backoff from 500ms").
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
// not known.
func (r *Retry) ScheduleText(info *types.Info) string {
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
	if s.Cap != nil {
		b.WriteString(" capped at " + DurationText(info, *s.Cap))
	}
	if s.Jitter != NoJitter {
		b.WriteString(" with jitter")
	}
	return b.String()
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
	}
	return "WaitKind(0)"
}
