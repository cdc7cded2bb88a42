package fixer

import "testing"

func TestReplaceIdent(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`!errors.Is(err, errSkip)`, `!errors.Is(a.Err, errSkip)`},
		{`err != nil && x.err == nil`, `a.Err != nil && x.err == nil`},
		{`strings.Contains(err.Error(), "err")`, `strings.Contains(a.Err.Error(), "err")`},
		{`errs == nil`, `errs == nil`},
	} {
		if got := replaceIdent(c.src, "err", "a.Err"); got != c.want {
			t.Errorf("replaceIdent(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestRetried(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`if o.Attempts > 1 {`, `if o.Retried() {`},
		{`if o.Attempts > 10 {`, `if o.Attempts > 10 {`},
		{`if o.Attempts == 1 && oo.Attempts > 1 {`, `if !o.Retried() && oo.Attempts > 1 {`},
	} {
		if got := retried(c.src, "o"); got != c.want {
			t.Errorf("retried(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestNegate(t *testing.T) {
	for _, c := range []struct{ cond, want string }{
		{`ok`, `!ok`},
		{`!ok`, `ok`},
		{`!errors.Is(err, os.ErrNotExist)`, `errors.Is(err, os.ErrNotExist)`},
		{`!(a || b)`, `(a || b)`},
		{`errors.Is(err, x)`, `!errors.Is(err, x)`},
		{`a || b`, `!(a || b)`},
		{`n > 3`, `!(n > 3)`},
		{`!a && b`, `!(!a && b)`},
	} {
		if got := negate(c.cond); got != c.want {
			t.Errorf("negate(%q) = %q, want %q", c.cond, got, c.want)
		}
	}
}
