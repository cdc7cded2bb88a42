package shape

import (
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Options are the choices that change what the matcher reports.
type Options struct {
	// FuncPattern matches the names of functions that wrap retry logic
	// (executeWithRetry, retryOperation); nil disables shape 3.
	FuncPattern *regexp.Regexp
	// RetryPackage is the import path of the retry package fixes target; the
	// package itself and its subpackages are never reported.
	RetryPackage string
}

// Find returns the hand-rolled retry logic in the package of pass, in source
// order. It exports a WaitHelper fact for every function of the package that
// only waits, so that callers in other packages recognise it.
func Find(pass *analysis.Pass, insp *inspector.Inspector, opts Options) []*Finding {
	return nil
}
