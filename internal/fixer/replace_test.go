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
