package driver

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
)

// Requirement is a module whose packages the analyzer's fixes may start importing, and the
// version of it that -fix requires. When -fix (or -diff) changes a file so that it imports a
// package of the module at Path, and the go.mod of the file's module neither is that module
// nor requires it, the go.mod gains `require Path Version`: written with the fixed files,
// whole, or not at all, and shown by -diff. The user is told to run go mod tidy, which checks
// the version against the module proxy and fills go.sum.
type Requirement struct {
	Path    string // module path, such as github.com/retrylint/retrylint/retry
	Version string // semantic version, such as v0.1.0
}

// planRequirements returns the changes of go.mod files that the file changes call for: the
// requirements that the changed files' new imports need and their go.mod lacks. modules
// maps each analysed file to the go.mod of its module. Each error names a go.mod that cannot
// be changed.
func (r *runner) planRequirements(changes []fileChange, modules map[string]string) ([]fileChange, []string) {
	if len(r.reqs) == 0 {
		return nil, nil
	}
	needed := make(map[string][]Requirement) // go.mod -> requirements its files now import
	for _, c := range changes {
		gomod := modules[c.path]
		if gomod == "" {
			continue // GOPATH mode, or a file outside any module
		}
		for _, req := range r.imported(c.new) {
			if !slices.Contains(needed[gomod], req) {
				needed[gomod] = append(needed[gomod], req)
			}
		}
	}
	gomods := make([]string, 0, len(needed))
	for gomod := range needed {
		gomods = append(gomods, gomod)
	}
	slices.Sort(gomods)
	var out []fileChange
	var errs []string
	for _, gomod := range gomods {
		c, err := addRequirements(gomod, needed[gomod])
		switch {
		case err != nil:
			errs = append(errs, fmt.Sprintf("cannot add the requirements of the fixes to %s: %v", r.rel(gomod), err))
		case c != nil:
			out = append(out, *c)
		}
	}
	return out, errs
}

// imported returns the requirements whose packages the Go source src imports.
func (r *runner) imported(src []byte) []Requirement {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil // the fixed file was formatted, so this does not happen
	}
	var reqs []Requirement
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		for _, req := range r.reqs {
			if (path == req.Path || strings.HasPrefix(path, req.Path+"/")) && !slices.Contains(reqs, req) {
				reqs = append(reqs, req)
			}
		}
	}
	return reqs
}

// addRequirements returns the change of the go.mod file gomod that adds the requirements it
// lacks, or nil when it has them all (or is one of those modules).
func addRequirements(gomod string, reqs []Requirement) (*fileChange, error) {
	old, err := os.ReadFile(gomod)
	if err != nil {
		return nil, err
	}
	mf, err := modfile.Parse(gomod, old, nil)
	if err != nil {
		return nil, err
	}
	var added []Requirement
	for _, req := range reqs {
		if provides(mf, req.Path) {
			continue
		}
		if err := mf.AddRequire(req.Path, req.Version); err != nil {
			return nil, err
		}
		added = append(added, req)
	}
	if len(added) == 0 {
		return nil, nil
	}
	mf.Cleanup()
	data, err := mf.Format()
	if err != nil {
		return nil, err
	}
	return &fileChange{path: gomod, old: old, new: data, required: added}, nil
}

// provides reports whether the module of mf is path or requires it.
func provides(mf *modfile.File, path string) bool {
	if mf.Module != nil && mf.Module.Mod.Path == path {
		return true
	}
	return slices.ContainsFunc(mf.Require, func(r *modfile.Require) bool { return r.Mod.Path == path })
}

// requiredMessage tells what a change of a go.mod adds, and what to run next.
func (r *runner) requiredMessage(c fileChange) string {
	added := make([]string, len(c.required))
	for i, req := range c.required {
		added[i] = req.Path + " " + req.Version
	}
	return fmt.Sprintf("%s: added require %s, which the fixed files import; run go mod tidy",
		r.rel(c.path), strings.Join(added, ", "))
}
