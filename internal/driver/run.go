package driver

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/inventory"
)

// runner is one run of the command.
type runner struct {
	a              *analysis.Analyzer
	opts           *options
	stdout, stderr io.Writer
	// dir is the working directory: patterns are resolved and paths are
	// shown relative to it; realDir is dir with symbolic links resolved.
	dir, realDir string
	// reqs are the modules fixes may start importing (see Requirement).
	reqs []Requirement
	// stems are the packages the analyzer's facts stem from (see
	// FactsStemFrom); nil when any package may hold facts.
	stems []string
	// inventory lists the findings' retries, and rowOf is each finding's
	// row (see inventory.go).
	inventory *inventory.Inventory
	rowOf     map[*Finding]*inventory.Row
}

func (r *runner) run() int {
	if r.dir == "" {
		r.dir = workDir()
	}
	r.realDir = r.dir
	if real, err := filepath.EvalSymlinks(r.dir); err == nil {
		r.realDir = real
	}
	res, err := r.analyze()
	if err != nil {
		r.errorf("%v", err)
		r.writeSARIFFile(nil, []string{err.Error()})
		if r.opts.format == "sarif" {
			r.writeSARIF(r.stdout, nil, []string{err.Error()})
		}
		return ExitError
	}
	for _, e := range res.errs {
		r.errorf("%s", e)
	}
	r.inventory, r.rowOf = r.inventoryOf(res)
	changing := r.opts.fix || r.opts.diff
	var changes, modChanges []fileChange // of Go files, of go.mod files
	fixErrs := 0
	if changing {
		var errs, modErrs []string
		changes, errs = r.planFixes(res)
		modChanges, modErrs = r.planRequirements(changes, res.modules)
		for _, e := range append(errs, modErrs...) {
			r.errorf("%s", e)
		}
		fixErrs = len(errs) + len(modErrs)
	}

	// Findings the user must look at: all of them when reporting or showing
	// the diff (which goes to stdout, so a patch stays clean); those without
	// a fix when fixing (the others are applied).
	shown := res.findings
	if r.opts.fix && !r.opts.diff {
		shown = nil
		for _, f := range res.findings {
			if f.Fix == nil {
				shown = append(shown, f)
			}
		}
	}
	var outErr error
	switch r.opts.format {
	case "text":
		outErr = r.writeText(shown)
	case "json":
		outErr = res.graph.PrintJSON(r.stdout)
	case "sarif":
		outErr = r.writeSARIF(r.stdout, res.findings, res.errs)
	case "github":
		outErr = r.writeGitHub(shown, res.errs)
	case formatInventory:
		outErr = r.writeInventory()
	}
	if outErr != nil {
		r.errorf("cannot write the report: %v", outErr)
		fixErrs++
	}
	if !r.writeSARIFFile(res.findings, res.errs) {
		fixErrs++
	}

	written := false
	nerrs := len(res.errs) + fixErrs
	switch {
	case r.opts.diff:
		for _, c := range append(changes, modChanges...) {
			rel := filepath.ToSlash(r.rel(c.path))
			fmt.Fprint(r.stdout, unifiedDiff(rel, c.old, c.new))
		}
	case r.opts.fix && nerrs > 0:
		if slices.ContainsFunc(res.findings, func(f *Finding) bool { return f.Fix != nil }) {
			r.errorf("no file was changed because of the errors above")
		}
	case r.opts.fix:
		if err := r.writeChanges(append(changes, modChanges...)); err != nil {
			for _, line := range splitLines(err.Error()) {
				r.errorf("%s", line)
			}
			nerrs++
		} else {
			written = true
			for _, c := range modChanges {
				r.errorf("%s", r.requiredMessage(c))
			}
		}
	}
	fmt.Fprintln(r.stderr, r.summary(res, changes, written, nerrs))

	switch {
	case nerrs > 0:
		return ExitError
	case changing && r.opts.failOnChange && len(changes) > 0:
		return ExitFindings
	case !changing && len(res.findings) > 0:
		return ExitFindings
	}
	return ExitClean
}

// errorf prints one error line on stderr, prefixed with the command name.
func (r *runner) errorf(format string, args ...any) {
	fmt.Fprintf(r.stderr, "%s: %s\n", r.a.Name, fmt.Sprintf(format, args...))
}

// writeSARIFFile writes the -sarif file when asked to; it reports whether
// that went well.
func (r *runner) writeSARIFFile(findings []*Finding, errs []string) bool {
	if r.opts.sarifFile == "" {
		return true
	}
	f, err := os.Create(r.opts.sarifFile)
	if err == nil {
		err = r.writeSARIF(f, findings, errs)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r.errorf("cannot write SARIF: %v", err)
		return false
	}
	return true
}
