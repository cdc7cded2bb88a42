// Package fixer renders a shape.Retry as a rewrite: the loop becomes a call
// of the retry package that does what the loop did, written the way a
// careful engineer would write it with that package.
//
// The rewrite is built from the model alone, in stages that each return
// their part: the context the call watches, the closure (the operation and
// the work each attempt does before and after it), the options (the bound,
// the schedule, the classification, the hooks for side work), and the tail
// (what the code does with the outcome, as the loop's exits did). A stage
// that cannot keep what the loop did returns a *NoFix; docs/fixes.md lists
// what a fix keeps, the few changes it makes on purpose, and every reason
// for which a finding gets no fix.
package fixer

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"sort"

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
	// ScopeCtx makes fixes of loops whose waits ignored every context pass
	// the context in scope to retry.Do and let it cut the waits short, a
	// change the fix names.
	ScopeCtx bool
}

// NoFix is the reason a finding gets no automatic fix.
type NoFix struct{ Reason shape.Reason }

func (e *NoFix) Error() string { return string(e.Reason) }

// noFix returns the error that says why a retry gets no fix.
func noFix(why shape.Reason) error { return &NoFix{Reason: why} }

// Result is the fix of one finding, or the reason it has none (a *NoFix, or
// another error for a bug of the fixer).
type Result struct {
	Fix *analysis.SuggestedFix
	Err error
}

// Reason returns why r has no fix, for a message: the reason of a *NoFix,
// or the error's text.
func (r Result) Reason() string {
	var nf *NoFix
	if errors.As(r.Err, &nf) {
		return string(nf.Reason)
	}
	if r.Err != nil {
		return r.Err.Error()
	}
	return ""
}

// FixAll returns the rewrites of the retries of a package, one Result per
// retry in the same order. The fixes of one file carry the same import
// edits, computed for all of them at once: the imports they need, and the
// removal of an import that no code of the file uses once they are all
// applied (time, when each loop was its only user). Drivers apply every fix
// of a file in one run, merging identical edits.
func FixAll(pass *analysis.Pass, retries []*shape.Retry, opts Options) []Result {
	if opts.Package == "" {
		opts.Package = DefaultPackage
	}
	results := make([]Result, len(retries))
	type built struct {
		i int
		p *plan
	}
	var files []*ast.File
	byFile := map[*ast.File][]built{}
	sources := map[*ast.File]*source{}
	names := map[*ast.File]*importNames{}
	// The loops each file's fixes replace, for the names its imports take.
	loops := map[*ast.File][]ast.Stmt{}
	// The variables declared by what the fixes delete, with the retry
	// whose fix deletes them.
	owner := map[types.Object]*shape.Retry{}
	for _, r := range retries {
		if file := fileAt(pass, r.Pos()); file != nil {
			var loop ast.Stmt
			if r.Loop != nil {
				loop = r.Loop.Stmt
				for _, n := range r.Scaffold {
					for _, v := range declaredBy(pass.TypesInfo, n) {
						owner[v] = r
					}
				}
			}
			loops[file] = append(loops[file], loop)
		}
	}
	// A deleted declaration frees its name only where no other retry
	// stands in its scope: that one's fix may fail and keep it.
	freed := map[types.Object]bool{}
	for obj, r := range owner {
		freed[obj] = !slices.ContainsFunc(retries, func(o *shape.Retry) bool {
			return o != r && obj.Parent() != nil && obj.Parent().Contains(o.Pos())
		})
	}
	for i, r := range retries {
		file, src, err := fileOf(pass, r)
		if err != nil {
			results[i].Err = err
			continue
		}
		n := names[file]
		if n == nil {
			n = fileNames(pass.TypesInfo, pass.Pkg, file, opts.Package, loops[file], freed)
			names[file], sources[file] = n, src
			files = append(files, file)
		}
		p, err := render(pass, r, opts, file, src, n)
		if err != nil {
			results[i].Err = err
			continue
		}
		byFile[file] = append(byFile[file], built{i, p})
	}
	for _, file := range files {
		bs := byFile[file]
		if len(bs) == 0 {
			continue
		}
		src := sources[file]
		var all []analysis.TextEdit
		need := map[string]bool{}
		for _, b := range bs {
			all = append(all, b.p.edits.list...)
			for path := range b.p.needs {
				need[path] = true
			}
		}
		imports, err := fileImports(pass.TypesInfo, src, file, names[file], opts.Package, sortedKeys(need), all)
		if err != nil {
			for _, b := range bs {
				results[b.i].Err = err
			}
			continue
		}
		for _, b := range bs {
			e := edits{list: append(append([]analysis.TextEdit(nil), b.p.edits.list...), imports.list...)}
			list, err := e.sorted()
			if err == nil {
				err = parses(src, list)
			}
			if err != nil {
				results[b.i].Err = err
				continue
			}
			results[b.i].Fix = &analysis.SuggestedFix{Message: b.p.title, TextEdits: list}
		}
	}
	return results
}

// fileAt returns the file of the package that holds pos, nil if none does.
func fileAt(pass *analysis.Pass, pos token.Pos) *ast.File {
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			file = f
		}
	}
	return file
}

// fileOf returns the file that holds a retry and its source text.
func fileOf(pass *analysis.Pass, r *shape.Retry) (*ast.File, *source, error) {
	file := fileAt(pass, r.Pos())
	if file == nil {
		return nil, nil, errors.New("the loop is not in a Go file of the package")
	}
	tok := pass.Fset.File(file.FileStart)
	text, err := pass.ReadFile(tok.Name())
	if err != nil || len(text) != tok.Size() {
		return nil, nil, errors.New("the source file cannot be read")
	}
	return file, &source{fset: pass.Fset, tok: tok, src: text}, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fileImports returns the import edits shared by the fixes of a file: the
// imports they need, and the removal of those no code uses once all of them
// are applied.
func fileImports(info *types.Info, src *source, file *ast.File, n *importNames, path string, need []string, all []analysis.TextEdit) (*edits, error) {
	var tentative edits
	importEdits(src, file, n, path, need, nil, &tentative)
	combined := edits{list: append(append([]analysis.TextEdit(nil), dedupe(all)...), tentative.list...)}
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
	importEdits(src, file, n, path, need, unused, &out)
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
