package analyzer

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"regexp"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/fixer"
	"github.com/retrylint/retrylint/internal/shape"
)

// Categories of the diagnostics, one per finding kind; docs/findings/<category>.md
// documents each.
const (
	// CategoryCountedLoop is a for-loop whose header counts the attempts.
	CategoryCountedLoop = "counted-loop"
	// CategoryWhileCounter is a loop whose counter is declared before it.
	CategoryWhileCounter = "while-counter"
	// CategoryRetryFunc is a function named like executeWithRetry that wraps retry logic.
	CategoryRetryFunc = "retry-func"
	// CategoryTimeBudget is a loop bounded by elapsed time instead of a count.
	CategoryTimeBudget = "time-budget"
	// CategoryDirective is a //retrylint:ignore directive that gives no reason.
	CategoryDirective = "directive"
)

// DefaultFuncPattern matches the names of functions that wrap retry logic:
// executeWithRetry, callWithRetries, doWithRetry, retryOperation, Retry.
const DefaultFuncPattern = `[wW]ith_?[rR]etr(y|ies)|^[rR]etry([A-Z_0-9]|$)|[rR]etrying$`

// DefaultRetryPackage is the import path of the retry package fixes target.
const DefaultRetryPackage = "github.com/retrylint/retrylint/retry"

// docsURL is where each category's page lives.
const docsURL = "https://github.com/retrylint/retrylint/tree/main/docs"

// Config holds the settings of one Analyzer, for drivers (such as the
// golangci-lint plugin) that build it from their own configuration. The zero
// value gives the defaults.
type Config struct {
	// FuncPattern is the regexp matching the names of *WithRetry-style
	// functions; empty means DefaultFuncPattern.
	FuncPattern string
	// RetryPackage is the import path of the package fixes call; empty means
	// DefaultRetryPackage. A team may point it at its own wrapper with the
	// same API.
	RetryPackage string
	// ScopeCtx makes fixes pass the context.Context in scope for loops that
	// ignored every context, instead of context.Background().
	ScopeCtx bool
}

// Validate reports whether c can build a working Analyzer.
func (c Config) Validate() error {
	if _, err := regexp.Compile(c.funcPattern()); err != nil {
		return fmt.Errorf("retrylint: bad function name pattern: %w", err)
	}
	return nil
}

func (c Config) funcPattern() string {
	if c.FuncPattern == "" {
		return DefaultFuncPattern
	}
	return c.FuncPattern
}

func (c Config) retryPackage() string {
	if c.RetryPackage == "" {
		return DefaultRetryPackage
	}
	return c.RetryPackage
}

// FactStems are the packages the facts of an Analyzer stem from: a function
// is a wait helper when it waits with package time, or calls a wait helper
// of another package. A package that imports none of them, directly or
// through a package with facts, has none, and a driver need not analyse it
// for its facts (see driver.FactsStemFrom).
var FactStems = []string{"time"}

// Analyzer reports hand-rolled retry logic with the default settings; its
// flags (-funcpattern, -retrypkg, -scopectx) change them.
var Analyzer = New(Config{})

// New returns an Analyzer whose flags start at the values of cfg. A bad
// pattern in cfg is reported as an error by every run (see Config.Validate).
func New(cfg Config) *analysis.Analyzer {
	s := &settings{cfg: cfg}
	a := &analysis.Analyzer{
		Name:      "retrylint",
		Doc:       doc,
		URL:       docsURL,
		FactTypes: []analysis.Fact{new(shape.WaitHelper)},
		Run:       s.run,
	}
	a.ResultType = resultType // the inventory rows, see inventory.go
	s.register(&a.Flags)
	return a
}

// settings are the values of one Analyzer's flags. Each Analyzer owns its
// own, so tests build analyzers with New instead of mutating shared state.
type settings struct {
	cfg Config
}

// register is the one place where the flags are declared.
func (s *settings) register(fs *flag.FlagSet) {
	fs.Var(patternFlag{&s.cfg.FuncPattern}, "funcpattern", "regexp matching names of functions that wrap retry logic")
	fs.StringVar(&s.cfg.RetryPackage, "retrypkg", s.cfg.retryPackage(), "import path of the retry package that fixes call")
	fs.BoolVar(&s.cfg.ScopeCtx, "scopectx", s.cfg.ScopeCtx, "make fixes pass the context in scope to loops that ignored every context")
}

// patternFlag is the -funcpattern value: a regexp checked when set, shown
// as the pattern in use.
type patternFlag struct{ p *string }

func (f patternFlag) String() string {
	if f.p == nil {
		return DefaultFuncPattern
	}
	return Config{FuncPattern: *f.p}.funcPattern()
}

func (f patternFlag) Set(v string) error {
	if _, err := regexp.Compile(v); err != nil {
		return err
	}
	*f.p = v
	return nil
}

func (s *settings) run(pass *analysis.Pass) (any, error) {
	cfg := s.cfg
	re, err := regexp.Compile(cfg.funcPattern())
	if err != nil {
		return nil, fmt.Errorf("bad function name pattern: %w", err)
	}
	sopts := shape.Options{FuncPattern: re, RetryPackage: cfg.retryPackage()}
	retries := shape.Find(pass, candidateInspector(pass, sopts), sopts)
	dirs := collectDirectives(pass)
	dirs.reportMissingReasons(pass)
	opts := fixer.Options{Package: cfg.retryPackage(), ScopeCtx: cfg.ScopeCtx}
	var reported []*shape.Retry
	for _, r := range retries {
		if !dirs.suppresses(pass.Fset, position(r)) {
			reported = append(reported, r)
		}
	}
	// The fixes of a file are built together, so that an import they all
	// leave unused is removed by them and kept by any one of them alone.
	fixes := fixer.FixAll(pass, reported, opts)
	for i, r := range reported {
		pass.Report(diagnostic(pass, r, fixes[i], opts.Package))
	}
	return inventoryRows(pass, reported, fixes), nil
}

// diagnostic builds the report of r, with the fixer's rewrite when it offers
// one and its reason otherwise.
func diagnostic(pass *analysis.Pass, r *shape.Retry, fix fixer.Result, retryPkg string) analysis.Diagnostic {
	pos := position(r)
	cat := category(r.Category)
	d := analysis.Diagnostic{
		Pos:      pos.Pos(),
		End:      pos.End(),
		Category: cat,
		URL:      docsURL + "/findings/" + cat + ".md",
		Message:  message(pass, r, retryPkg),
	}
	// A retry function is reported at its name; the loop (or the call by
	// which it calls itself) is where the retry happens.
	if r.Category == shape.RetryFunc {
		switch {
		case r.Loop != nil:
			at := loopHeader(r.Loop.Stmt)
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: at.Pos(), End: at.End(), Message: "the retry loop"})
		case r.Recursion != nil:
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.Recursion.Pos(), End: r.Recursion.End(), Message: "it calls itself again here"})
		}
	}
	switch {
	case fix.Err != nil:
		d.Message += "; no automatic fix: " + fix.Reason()
	case fix.Fix != nil:
		d.SuggestedFixes = []analysis.SuggestedFix{*fix.Fix}
	}
	return d
}

// position is the node a diagnostic points at: the function name for a
// retry function, the loop keyword and header otherwise.
func position(r *shape.Retry) ast.Node {
	if r.Category == shape.RetryFunc {
		switch fn := r.Func.Node.(type) {
		case *ast.FuncDecl:
			return fn.Name
		case *ast.FuncLit:
			return fn.Type
		}
	}
	return loopHeader(r.Loop.Stmt)
}

// loopHeader is the loop keyword and header of a loop.
func loopHeader(loop ast.Stmt) ast.Node {
	switch l := loop.(type) {
	case *ast.ForStmt:
		if l.Cond != nil {
			return rangeNode{l.For, l.Cond.End()}
		}
		return rangeNode{l.For, l.For + 3}
	case *ast.RangeStmt:
		return rangeNode{l.For, l.X.End()}
	}
	return loop
}

// rangeNode is a source range that is not a whole node, such as a loop
// header.
type rangeNode struct{ pos, end token.Pos }

func (r rangeNode) Pos() token.Pos { return r.pos }
func (r rangeNode) End() token.Pos { return r.end }

func category(k shape.Category) string {
	switch k {
	case shape.CountedLoop:
		return CategoryCountedLoop
	case shape.WhileCounter:
		return CategoryWhileCounter
	case shape.TimeBudget:
		return CategoryTimeBudget
	case shape.RetryFunc:
		return CategoryRetryFunc
	}
	return ""
}
