package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"path"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/shape"
)

// message says what was found and what was understood about it, for example
// "hand-rolled retry loop (5 attempts, exponential backoff from 500ms) can be
// replaced by retry.Do".
func message(pass *analysis.Pass, f *shape.Finding, retryPkg string) string {
	var b strings.Builder
	if f.Kind == shape.RetryFunc {
		fmt.Fprintf(&b, "hand-rolled retry function %s", funcName(f.Func))
	} else {
		b.WriteString("hand-rolled retry loop")
	}
	if parts := understood(pass, f); len(parts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, " can be replaced by %s.Do", path.Base(retryPkg))
	return b.String()
}

func funcName(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "literal"
}

// understood lists the attempt limit, the time budget and the schedule, each
// as far as it was understood.
func understood(pass *analysis.Pass, f *shape.Finding) []string {
	var parts []string
	if s := attempts(f.Attempts); s != "" {
		parts = append(parts, s)
	}
	if bud := f.Budget; bud != nil {
		switch {
		case bud.Limit != nil:
			parts = append(parts, "for up to "+durationText(pass, bud.Limit))
		case bud.Deadline != nil:
			parts = append(parts, "until "+types.ExprString(bud.Deadline))
		}
	}
	if s := schedule(pass, f.Schedule); s != "" {
		parts = append(parts, s)
	}
	return parts
}

func attempts(a shape.Attempts) string {
	if a.IsConst {
		if a.Const == 1 {
			return "1 attempt"
		}
		return fmt.Sprintf("%d attempts", a.Const)
	}
	if a.Limit == nil {
		return ""
	}
	s := types.ExprString(a.Limit)
	if _, ok := a.Limit.(*ast.BinaryExpr); ok && a.Offset != 0 {
		s = "(" + s + ")"
	}
	switch {
	case a.Offset > 0:
		s += fmt.Sprintf("+%d", a.Offset)
	case a.Offset < 0:
		s += fmt.Sprintf("%d", a.Offset)
	}
	return s + " attempts"
}

func schedule(pass *analysis.Pass, s shape.Schedule) string {
	var b strings.Builder
	from := ""
	switch {
	case s.Initial > 0:
		from = shortDuration(s.Initial)
	case s.InitialExpr != nil:
		from = durationText(pass, s.InitialExpr)
	}
	switch s.Kind {
	case shape.Constant:
		b.WriteString("constant delay")
		if from != "" {
			b.WriteString(" of " + from)
		}
	case shape.Linear:
		b.WriteString("linear backoff")
		if from != "" {
			b.WriteString(" from " + from)
		}
	case shape.Exponential:
		b.WriteString("exponential backoff")
		if s.Factor != 0 && s.Factor != 2 {
			fmt.Fprintf(&b, " x%g", s.Factor)
		}
		if from != "" {
			b.WriteString(" from " + from)
		}
	case shape.Custom:
		b.WriteString("computed delay")
	default:
		return ""
	}
	if s.Cap != nil {
		b.WriteString(" capped at " + durationText(pass, s.Cap))
	}
	if s.Jitter {
		b.WriteString(" with jitter")
	}
	return b.String()
}

// durationText shows a duration expression as its value when it is a
// constant (30s), as written otherwise (c.timeout).
func durationText(pass *analysis.Pass, e ast.Expr) string {
	if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		if d, ok := constDuration(tv); ok {
			return shortDuration(d)
		}
	}
	return types.ExprString(e)
}

func constDuration(tv types.TypeAndValue) (time.Duration, bool) {
	if n, ok := constInt(tv.Value); ok {
		return time.Duration(n), true
	}
	return 0, false
}

// shortDuration prints 1m instead of time.Duration's 1m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
