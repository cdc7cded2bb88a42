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
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"

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

// Result is the fix of one finding, or the reason it has none (a *NoFix, or
// another error for a bug of the fixer).
type Result struct {
	Fix *analysis.SuggestedFix
	Err error
}

// Fix returns the rewrite of f, or a *NoFix saying why the rewrite would not
// keep the code's behaviour. It considers f alone: when several findings of a
// file are fixed together, FixAll decides their imports as one.
func Fix(pass *analysis.Pass, f *shape.Finding, opts Options) (*analysis.SuggestedFix, error) {
	r := FixAll(pass, []*shape.Finding{f}, opts)[0]
	return r.Fix, r.Err
}

// FixAll returns the rewrites of the findings of a package, one Result per
// finding in the same order. The fixes of one file carry the same import
// edits, computed for all of them at once: the imports they need, and the
// removal of an import that no code of the file uses once they are all
// applied (time, when each loop was its only user). Drivers apply every fix
// of a file in one run, merging identical edits.
func FixAll(pass *analysis.Pass, findings []*shape.Finding, opts Options) []Result {
	if opts.Package == "" {
		opts.Package = DefaultPackage
	}
	results := make([]Result, len(findings))
	type built struct {
		i   int
		r   *rewrite
		e   *edits
		msg string
	}
	var files []*ast.File
	byFile := map[*ast.File][]built{}
	names := map[*ast.File]*importNames{}
	for i, f := range findings {
		r, err := newRewrite(pass, f, opts)
		if err != nil {
			results[i].Err = err
			continue
		}
		n := names[r.file]
		if n == nil {
			n = fileNames(pass.TypesInfo, pass.Pkg, r.file, opts.Package)
			names[r.file] = n
			files = append(files, r.file)
		}
		e := &edits{}
		msg, err := r.build(n, e)
		if err != nil {
			results[i].Err = err
			continue
		}
		byFile[r.file] = append(byFile[r.file], built{i, r, e, msg})
	}
	for _, file := range files {
		bs := byFile[file]
		if len(bs) == 0 {
			continue
		}
		src := bs[0].r.source
		var all edits
		for _, b := range bs {
			all.list = append(all.list, b.e.list...)
		}
		imports, err := fileImports(pass.TypesInfo, src, file, names[file], opts.Package, all)
		if err != nil {
			for _, b := range bs {
				results[b.i].Err = err
			}
			continue
		}
		for _, b := range bs {
			e := edits{list: append(append([]analysis.TextEdit(nil), b.e.list...), imports.list...)}
			list, err := e.sorted()
			if err == nil {
				err = parses(src, list)
			}
			if err != nil {
				results[b.i].Err = err
				continue
			}
			results[b.i].Fix = &analysis.SuggestedFix{Message: b.msg, TextEdits: list}
		}
	}
	return results
}

// fileImports returns the import edits shared by the fixes of a file: the
// imports they need, and the removal of those no code uses once all of them
// are applied.
func fileImports(info *types.Info, src *source, file *ast.File, n *importNames, path string, all edits) (*edits, error) {
	var tentative edits
	importEdits(src, file, n, path, nil, &tentative)
	combined := edits{list: append(append([]analysis.TextEdit(nil), dedupe(all.list)...), tentative.list...)}
	list, err := combined.sorted()
	if err != nil {
		return nil, err
	}
	fixed, err := parser.ParseFile(token.NewFileSet(), "fixed.go", applyEdits(src, list), parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("internal error: the fixed file does not parse: %v", err)
	}
	unused := unusedImports(info, file, fixed)
	if len(unused) == 0 {
		return &tentative, nil
	}
	var out edits
	importEdits(src, file, n, path, unused, &out)
	return &out, nil
}

// dedupe drops repeated edits, as drivers do when they merge fixes.
func dedupe(list []analysis.TextEdit) []analysis.TextEdit {
	type key struct {
		pos, end token.Pos
		text     string
	}
	seen := map[key]bool{}
	var out []analysis.TextEdit
	for _, e := range list {
		k := key{e.Pos, e.End, string(e.NewText)}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// parses checks that the fixed file still parses: a rewrite that breaks the
// syntax is a bug of the fixer, never offered.
func parses(s *source, list []analysis.TextEdit) error {
	if _, err := parser.ParseFile(token.NewFileSet(), "fixed.go", applyEdits(s, list), parser.SkipObjectResolution); err != nil {
		return fmt.Errorf("internal error: the rewrite does not parse: %v", err)
	}
	return nil
}
