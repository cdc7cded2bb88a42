package driver

import (
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/retrylint/retrylint/internal/driver/textedit"
)

// Finding is one diagnostic, with its first suggested fix resolved to byte
// offsets in files.
type Finding struct {
	Category string
	Message  string
	URL      string
	// Posn and End are where the finding is, as the user sees it (line
	// directives applied).
	Posn, End token.Position
	Related   []Related
	// Fix is the diagnostic's first suggested fix; nil when it has none.
	Fix *Fix
}

// Related is a secondary position of a finding.
type Related struct {
	Posn, End token.Position
	Message   string
}

// Fix is a suggested fix as edits of files.
type Fix struct {
	Message string
	Edits   []FileEdit
}

// FileEdit is an edit of one file, at byte offsets of the file as it was
// analysed.
type FileEdit struct {
	File string
	textedit.Edit
}

// analysis is the outcome of loading and analysing the packages.
type analysisResult struct {
	graph    *checker.Graph
	findings []*Finding
	// errs are one-line messages of everything that went wrong.
	errs []string
	// sizes are the sizes of the files as parsed, to notice a file changed
	// after it was analysed.
	sizes map[string]int
	// modules are the go.mod files of the modules of the files analysed.
	modules map[string]string
	npkgs   int
}

// analyze loads the packages named by the patterns and runs the analyzer.
// An error means nothing could be analysed; problems of single packages are
// in the result's errs.
func (r *runner) analyze() (*analysisResult, error) {
	if requiresFacts(r.a) {
		return nil, fmt.Errorf("%s requires an analyzer that uses facts, which this driver does not carry", r.a.Name)
	}
	// Dependencies come from export data, as for an analyzer without facts;
	// scope.go says where an analyzer with facts runs.
	pkgs, err := packages.Load(r.loadConfig(r.opts.tests), r.opts.patterns...)
	if (err != nil || hasErrors(pkgs)) && !insideModule(r.dir) {
		// The go command's own words for this depend on the pattern
		// ("directory prefix . does not contain main module", ...).
		return nil, fmt.Errorf("%s is not inside a Go module (no go.mod there or above): run %s in a module", r.dir, r.a.Name)
	}
	if err != nil {
		return nil, errors.New(loadErrorMessage(err))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(r.opts.patterns, " "))
	}
	res := &analysisResult{sizes: make(map[string]int), modules: make(map[string]string)}
	seenErr := make(map[string]bool)
	addErr := func(msg string) {
		if !seenErr[msg] {
			seenErr[msg] = true
			res.errs = append(res.errs, msg)
		}
	}
	broken := make(map[string]bool) // package IDs
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range usefulErrors(p.Errors) {
			addErr(r.packageErrorMessage(e))
		}
		if len(p.Errors) > 0 {
			broken[p.ID] = true
		}
		if p.Module != nil && p.Module.Error != nil {
			addErr(p.Module.Error.Err)
		}
	})
	actionErrs := func(graph *checker.Graph) {
		for act := range graph.All() {
			// A package that failed to load has said why already: its
			// "analysis skipped" error adds nothing. Nor does "failed
			// prerequisites", which repeats the error of an analyzer that
			// the analyzer requires.
			if act.Err != nil && !broken[act.Package.ID] && !strings.HasPrefix(act.Err.Error(), "failed prerequisites") {
				addErr(fmt.Sprintf("%s: %v", act.Package.PkgPath, act.Err))
			}
		}
	}

	a := guard(r.a)
	if needFacts(r.a) {
		a = newFactStore().carry(a)
		g, err := r.analyzeSources(a, pkgs, broken)
		if err != nil {
			return nil, err
		}
		actionErrs(g)
	}
	graph, err := runUnits(a, analysisUnits(pkgs))
	if err != nil {
		return nil, err
	}
	actionErrs(graph)
	res.graph = graph
	seen := make(map[string]bool)
	for _, act := range graph.Roots {
		if act.Err != nil {
			continue
		}
		if !strings.HasSuffix(act.Package.ID, ".test") { // not a generated test main
			res.npkgs++
		}
		fset := act.Package.Fset
		goFiles := make(map[string]bool)
		for _, f := range act.Package.GoFiles {
			goFiles[f] = true
		}
		for _, f := range act.Package.Syntax {
			tf := fset.File(f.Pos())
			res.sizes[tf.Name()] = tf.Size()
			if m := act.Package.Module; m != nil && m.GoMod != "" {
				res.modules[tf.Name()] = m.GoMod
			}
		}
		for _, d := range act.Diagnostics {
			f, err := newFinding(fset, d, goFiles)
			if err != nil {
				addErr(err.Error())
				continue
			}
			// The same file is analysed in a package and in its test
			// variant; report each finding once.
			key := fmt.Sprintf("%s|%s|%s", f.Posn, f.End, f.Message)
			if !seen[key] {
				seen[key] = true
				res.findings = append(res.findings, f)
			}
		}
	}
	slices.SortFunc(res.findings, func(a, b *Finding) int {
		return cmp.Or(cmp.Compare(a.Posn.Filename, b.Posn.Filename),
			cmp.Compare(a.Posn.Offset, b.Posn.Offset),
			cmp.Compare(a.Message, b.Message))
	})
	return res, nil
}

// analyzeSources runs a, for their facts, on the packages outside pkgs
// whose facts pkgs may need (see factSources), loaded on their own: loaded
// from source with pkgs, they would come with their tests. It records in
// broken the IDs of those that do not load; the first load said why.
func (r *runner) analyzeSources(a *analysis.Analyzer, pkgs []*packages.Package, broken map[string]bool) (*checker.Graph, error) {
	sources := factSources(pkgs, r.stems)
	if len(sources) == 0 {
		return &checker.Graph{}, nil
	}
	srcs, err := packages.Load(r.loadConfig(false), sources...)
	if err != nil {
		return nil, fmt.Errorf("cannot load the packages whose facts the analysed ones use: %s", loadErrorMessage(err))
	}
	packages.Visit(srcs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			broken[p.ID] = true
		}
	})
	return runUnits(a, analysisUnits(srcs))
}

// newFinding converts d, checking that its fix edits only the package's own
// Go files (not, say, a cgo-generated file in the build cache).
func newFinding(fset *token.FileSet, d analysis.Diagnostic, goFiles map[string]bool) (*Finding, error) {
	f := &Finding{
		Category: d.Category,
		Message:  d.Message,
		URL:      d.URL,
		Posn:     fset.Position(d.Pos),
		End:      fset.Position(cmp.Or(d.End, d.Pos)),
	}
	for _, rel := range d.Related {
		f.Related = append(f.Related, Related{
			Posn:    fset.Position(rel.Pos),
			End:     fset.Position(cmp.Or(rel.End, rel.Pos)),
			Message: rel.Message,
		})
	}
	if len(d.SuggestedFixes) == 0 {
		return f, nil
	}
	sf := d.SuggestedFixes[0]
	fix := &Fix{Message: sf.Message}
	for _, e := range sf.TextEdits {
		start := fset.PositionFor(e.Pos, false)
		end := fset.PositionFor(cmp.Or(e.End, e.Pos), false)
		if !goFiles[start.Filename] {
			return nil, fmt.Errorf("%s: fix %q edits %s, which is not a Go file of the package", f.Posn, sf.Message, start.Filename)
		}
		fix.Edits = append(fix.Edits, FileEdit{
			File: start.Filename,
			Edit: textedit.Edit{
				Start: start.Offset,
				End:   end.Offset,
				New:   string(e.NewText),
				Label: fmt.Sprintf("%q at %d:%d", sf.Message, f.Posn.Line, f.Posn.Column),
			},
		})
	}
	f.Fix = fix
	return f, nil
}

// hasErrors reports whether any of pkgs, or their dependencies, has errors.
func hasErrors(pkgs []*packages.Package) bool {
	found := false
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		found = found || len(p.Errors) > 0
	})
	return found
}

// insideModule reports whether dir or a parent holds a go.mod or go.work.
func insideModule(dir string) bool {
	for {
		for _, name := range []string{"go.mod", "go.work"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				return true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// guard returns a copy of a whose Run turns a panic into an error, so that a
// bug in the analyzer is reported as one line for the package it hit, not as
// a crash of the whole run.
func guard(a *analysis.Analyzer) *analysis.Analyzer {
	g := *a
	run := a.Run
	g.Run = func(pass *analysis.Pass) (res any, err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("internal error (please report it): %v", p)
			}
		}()
		return run(pass)
	}
	return &g
}

// needFacts reports whether a or an analyzer it requires uses facts.
func needFacts(a *analysis.Analyzer) bool {
	return len(a.FactTypes) > 0 || requiresFacts(a)
}

// requiresFacts reports whether an analyzer that a requires uses facts: the
// driver carries the facts of a alone (see factStore.carry).
func requiresFacts(a *analysis.Analyzer) bool {
	return slices.ContainsFunc(a.Requires, needFacts)
}

// loadConfig is how the packages are loaded: the roots from source, their
// dependencies from export data, as for an analyzer without facts.
func (r *runner) loadConfig(tests bool) *packages.Config {
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: tests, Dir: r.dir}
	if r.opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + r.opts.tags}
	}
	return cfg
}

// usefulErrors drops the repeats among a package's errors: the go command's
// report of a compile error that parsing or type checking reports again,
// and the parser's later complaints about a file it already gave up on.
func usefulErrors(errs []packages.Error) []packages.Error {
	checked := slices.ContainsFunc(errs, func(e packages.Error) bool { return e.Kind != packages.ListError })
	parsed := make(map[string]bool)
	var out []packages.Error
	for _, e := range errs {
		file, _, _ := strings.Cut(e.Pos, ":")
		switch {
		case e.Kind == packages.ListError && checked && (e.Pos != "" || strings.HasPrefix(e.Msg, "# ")):
			continue
		case e.Kind == packages.ParseError && parsed[file]:
			continue
		case e.Kind == packages.ParseError:
			parsed[file] = true
		}
		out = append(out, e)
	}
	return out
}

// packageErrorMessage is e on one line, with a path relative to the working
// directory.
func (r *runner) packageErrorMessage(e packages.Error) string {
	msg := e.Msg
	// The go command heads compile errors with "# import/path"; the
	// position that follows is what matters (and type-checking reports
	// the same error again).
	if head, rest, ok := strings.Cut(msg, "\n"); ok && strings.HasPrefix(head, "# ") {
		msg = rest
	}
	msg = r.relText(oneLine(msg))
	if e.Pos == "" || e.Pos == "-" {
		return msg
	}
	pos := e.Pos
	if file, rest, ok := strings.Cut(pos, ":"); ok {
		pos = r.rel(file) + ":" + rest
	} else {
		pos = r.rel(pos)
	}
	return pos + ": " + msg
}

// loadErrorMessage turns an error of packages.Load (usually the go command's
// stderr, several lines long) into its first meaningful line.
func loadErrorMessage(err error) string {
	msg := err.Error()
	if _, stderr, ok := strings.Cut(msg, "stderr: "); ok {
		msg = stderr
	}
	for line := range strings.SplitSeq(msg, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return strings.TrimPrefix(line, "go: ")
		}
	}
	return oneLine(msg)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// rel returns name relative to the working directory when it lies inside
// it, and unchanged otherwise.
func (r *runner) rel(name string) string {
	if !filepath.IsAbs(name) {
		return name
	}
	// The go command may report paths under the working directory with
	// its symbolic links resolved.
	for _, dir := range []string{r.dir, r.realDir} {
		rel, err := filepath.Rel(dir, name)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return name
}

// relText shortens the absolute paths inside the working directory that
// msg mentions.
func (r *runner) relText(msg string) string {
	return strings.ReplaceAll(msg, r.dir+string(filepath.Separator), "")
}

// workDir is the directory patterns are resolved in.
func workDir() string {
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "."
}
