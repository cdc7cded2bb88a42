package driver

import (
	"errors"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strings"

	"github.com/retrylint/retrylint/internal/driver/atomicfile"
	"github.com/retrylint/retrylint/internal/driver/textedit"
	"github.com/retrylint/retrylint/internal/driver/udiff"
)

// fileChange is what -fix does to one file.
type fileChange struct {
	path     string
	old, new []byte
	// required are the requirements a change of a go.mod file adds (see Requirement); nil
	// for the change of a Go file.
	required []Requirement
}

// planFixes computes the new content of every file that the findings' first
// fixes edit: the edits merged (overlaps are errors), applied, and the
// result formatted with gofmt. It writes nothing. Each error names a file
// that cannot be fixed.
func (r *runner) planFixes(res *analysisResult) ([]fileChange, []string) {
	byFile := make(map[string][]textedit.Edit)
	for _, f := range res.findings {
		if f.Fix == nil {
			continue
		}
		for _, e := range f.Fix.Edits {
			byFile[e.File] = append(byFile[e.File], e.Edit)
		}
	}
	files := make([]string, 0, len(byFile))
	for name := range byFile {
		files = append(files, name)
	}
	slices.Sort(files)
	var changes []fileChange
	var errs []string
	for _, name := range files {
		c, err := fixFile(name, byFile[name], res.sizes[name])
		if err != nil {
			errs = append(errs, fmt.Sprintf("cannot fix %s: %v", r.rel(name), err))
			continue
		}
		if c != nil {
			changes = append(changes, *c)
		}
	}
	return changes, errs
}

// fixFile applies edits to the file name, whose size was size bytes when it
// was analysed; it returns nil when the file would not change.
func fixFile(name string, edits []textedit.Edit, size int) (*fileChange, error) {
	merged, err := textedit.Merge(edits)
	if err != nil {
		return nil, err
	}
	old, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if len(old) != size {
		return nil, errors.New("the file changed after it was analysed; run again")
	}
	fixed, err := textedit.Apply(old, merged)
	if err != nil {
		return nil, err
	}
	formatted, err := format.Source(fixed)
	if err != nil {
		return nil, fmt.Errorf("the fixed code does not parse (a bug in a fix; please report it): %v", err)
	}
	if string(formatted) == string(old) {
		return nil, nil
	}
	return &fileChange{path: name, old: old, new: formatted}, nil
}

// writeChanges writes every changed file whole, or none of them.
func (r *runner) writeChanges(changes []fileChange) error {
	ac := make([]atomicfile.Change, len(changes))
	for i, c := range changes {
		ac[i] = atomicfile.Change{Path: r.rel(c.path), Data: c.new}
	}
	return atomicfile.WriteAll(ac)
}

// unifiedDiff is the diff of one file, with a/ and b/ prefixes so that
// "git apply" and "patch -p1" take it from the working directory.
func unifiedDiff(rel string, old, new []byte) string {
	return udiff.Unified("a/"+rel, "b/"+rel, old, new)
}

func splitLines(s string) []string {
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}
