// Package fixer turns a shape.Finding into a SuggestedFix that rewrites the
// hand-rolled retry logic into a call of the retry package, or explains why no
// fix that keeps the code's behaviour can be offered.
package fixer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/shape"
)

// Options are the user's choices that shape every fix.
type Options struct {
	// Package is the import path of the retry package fixes call
	// (github.com/retrylint/retrylint/retry by default, or a team's wrapper
	// with the same API).
	Package string
	// ScopeCtx makes fixes pass the context.Context in scope to retry.Do for
	// loops that ignored every context, instead of context.Background().
	ScopeCtx bool
}

// NoFix is the reason a finding gets no automatic fix. Its Error text is a few
// lowercase words that complete "no automatic fix: ...".
type NoFix struct{ Reason string }

func (e *NoFix) Error() string { return e.Reason }

// Fix returns the rewrite of f, or a *NoFix saying why the rewrite would not
// keep the code's behaviour.
func Fix(pass *analysis.Pass, f *shape.Finding, opts Options) (*analysis.SuggestedFix, error) {
	// The rewrites are being built (issue 4); until then every finding is
	// reported without a fix.
	return nil, &NoFix{Reason: "rewrite not implemented for this shape yet"}
}
