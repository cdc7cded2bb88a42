package driver

import (
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/retrylint/retrylint/internal/driver/sarif"
)

// srcRoot is the base of the relative URIs in SARIF output: the working
// directory, which code scanning takes as the repository root.
const srcRoot = "%SRCROOT%"

// writeSARIF writes findings and errors as a SARIF 2.1.0 log with one run.
// Each category is a rule; each fix becomes a SARIF fix.
func (r *runner) writeSARIF(w io.Writer, findings []*Finding, errs []string) error {
	name, ver := r.a.Name, version()
	if v, _, ok := strings.Cut(ver, " "); ok {
		ver = v
	}
	run := sarif.Run{
		Tool: sarif.Tool{Driver: sarif.ToolComponent{
			Name:           name,
			Version:        ver,
			InformationURI: r.a.URL,
		}},
		OriginalURIBaseIDs: map[string]sarif.ArtifactLocation{
			srcRoot: {URI: fileURI(r.dir) + "/"},
		},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarif.Result{},
	}
	inv := sarif.Invocation{ExecutionSuccessful: len(errs) == 0}
	for _, e := range errs {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarif.Notification{Message: sarif.Message{Text: e}, Level: "error"})
	}
	run.Invocations = []sarif.Invocation{inv}

	ruleIndex := make(map[string]int)
	lines := newLineIndex()
	for _, f := range findings {
		id := f.Category
		if id == "" {
			id = name
		}
		idx, ok := ruleIndex[id]
		if !ok {
			idx = len(run.Tool.Driver.Rules)
			ruleIndex[id] = idx
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarif.ReportingDescriptor{
				ID:      id,
				Name:    id,
				HelpURI: f.URL,
			})
		}
		res := sarif.Result{
			RuleID:    id,
			RuleIndex: &idx,
			Level:     "warning",
			Message:   sarif.Message{Text: f.Message},
			Locations: []sarif.Location{{PhysicalLocation: &sarif.PhysicalLocation{
				ArtifactLocation: r.artifact(f.Posn.Filename),
				Region:           lines.region(f.Posn.Filename, f.Posn.Offset, f.End.Offset),
			}}},
		}
		for i, rel := range f.Related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarif.Location{
				ID: &id,
				PhysicalLocation: &sarif.PhysicalLocation{
					ArtifactLocation: r.artifact(rel.Posn.Filename),
					Region:           lines.region(rel.Posn.Filename, rel.Posn.Offset, rel.End.Offset),
				},
				Message: &sarif.Message{Text: rel.Message},
			})
		}
		if f.Fix != nil {
			res.Fixes = []sarif.Fix{r.sarifFix(f.Fix, lines)}
		}
		if row := r.rowOf[f]; row != nil {
			// The inventory's facts of the retry (docs/inventory.md); the
			// location says where it is.
			res.Properties = row.Facts
		}
		run.Results = append(run.Results, res)
	}
	log := &sarif.Log{Schema: sarif.Schema, Version: sarif.Version, Runs: []sarif.Run{run}}
	return log.Write(w)
}

// sarifFix groups the fix's edits by file, in order.
func (r *runner) sarifFix(fix *Fix, lines *lineIndex) sarif.Fix {
	out := sarif.Fix{Description: &sarif.Message{Text: fix.Message}}
	byFile := make(map[string]int)
	for _, e := range fix.Edits {
		i, ok := byFile[e.File]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges, sarif.ArtifactChange{ArtifactLocation: r.artifact(e.File)})
		}
		region := lines.region(e.File, e.Start, e.End)
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, sarif.Replacement{
			DeletedRegion:   *region,
			InsertedContent: &sarif.ArtifactContent{Text: e.New},
		})
	}
	for _, c := range out.ArtifactChanges {
		slices.SortStableFunc(c.Replacements, func(a, b sarif.Replacement) int {
			return *a.DeletedRegion.ByteOffset - *b.DeletedRegion.ByteOffset
		})
	}
	return out
}

// artifact locates a file: relative to %SRCROOT% when it is inside the
// working directory, by an absolute file URI otherwise.
func (r *runner) artifact(name string) sarif.ArtifactLocation {
	rel := r.rel(name)
	if filepath.IsAbs(rel) {
		return sarif.ArtifactLocation{URI: fileURI(name)}
	}
	u := url.URL{Path: filepath.ToSlash(rel)}
	return sarif.ArtifactLocation{URI: u.EscapedPath(), URIBaseID: srcRoot}
}

func fileURI(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return u.String()
}

// lineIndex turns byte offsets into 1-based lines and code-point columns,
// reading each file once.
type lineIndex struct {
	files map[string][]byte
}

func newLineIndex() *lineIndex { return &lineIndex{files: make(map[string][]byte)} }

func (x *lineIndex) region(file string, start, end int) *sarif.Region {
	data, ok := x.files[file]
	if !ok {
		data, _ = os.ReadFile(file) // a missing file gives byte offsets only
		x.files[file] = data
	}
	length := max(end-start, 0)
	reg := &sarif.Region{ByteOffset: &start, ByteLength: &length}
	if start <= len(data) && end <= len(data) {
		reg.StartLine, reg.StartColumn = lineCol(data, start)
		reg.EndLine, reg.EndColumn = lineCol(data, max(end, start))
	}
	return reg
}

// lineCol returns the line and the column, counted in code points, of the
// byte offset off in data.
func lineCol(data []byte, off int) (line, col int) {
	lineStart := 0
	line = 1
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, utf8.RuneCount(data[lineStart:off]) + 1
}
