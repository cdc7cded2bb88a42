// Package fixer turns a shape.Finding into a SuggestedFix that rewrites the
// hand-rolled retry logic into a call of the retry package, or explains why no
// fix that keeps the code's behaviour can be offered.
//
// A rewrite keeps the loop body's bytes as the body of the closure given to
// retry.Do: the loop header becomes the call, the wait goes, each way out of
// an attempt becomes a return of the closure, and what the loop would have
// done next (return a value, run the code after it) follows the call. The
// rewrite is offered only when it does what the loop did; docs/fixes.md lists
// what each fix keeps, the few changes it makes on purpose, and the reasons
// for which a finding gets no fix.
package fixer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/shape"
)

// DefaultPackage is the import path of the retry package fixes call when
// Options.Package is empty.
const DefaultPackage = "github.com/retrylint/retrylint/retry"

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
	r, err := newRewrite(pass, f, opts)
	if err != nil {
		return nil, err
	}
	return r.build()
}
