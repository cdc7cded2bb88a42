package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A directive is a comment that silences retrylint on its line and the line
// below: //nolint:retrylint (golangci-lint's form, also //nolint and
// //nolint:all) or //retrylint:ignore <reason>.
type directive struct {
	file   string
	line   int
	pos    token.Pos
	reason bool // only //retrylint:ignore needs one; nolint follows golangci-lint's own rules
}

type directives []directive

const ignorePrefix = "//retrylint:ignore"

// collectDirectives reads the suppression comments of every file of pass.
func collectDirectives(pass *analysis.Pass) directives {
	var ds directives
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				d, ok := parseDirective(c.Text)
				if !ok {
					continue
				}
				p := pass.Fset.Position(c.Slash)
				d.file, d.line, d.pos = p.Filename, p.Line, c.Slash
				ds = append(ds, d)
			}
		}
	}
	return ds
}

// parseDirective recognises one comment; reason reports whether a
// //retrylint:ignore directive says why.
func parseDirective(text string) (directive, bool) {
	if rest, ok := strings.CutPrefix(text, ignorePrefix); ok {
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return directive{}, false // //retrylint:ignored, another word
		}
		return directive{reason: strings.TrimSpace(rest) != ""}, true
	}
	rest, ok := strings.CutPrefix(text, "//nolint")
	if !ok {
		return directive{}, false
	}
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		return directive{reason: true}, true // bare //nolint silences every linter
	}
	if rest[0] != ':' {
		return directive{}, false
	}
	names, _, _ := strings.Cut(rest[1:], " ")
	for _, n := range strings.Split(names, ",") {
		if n = strings.TrimSpace(n); n == "retrylint" || n == "all" {
			return directive{reason: true}, true
		}
	}
	return directive{}, false
}

// suppresses reports whether a directive with a reason sits on the line of
// n or on the line above it.
func (ds directives) suppresses(fset *token.FileSet, n ast.Node) bool {
	p := fset.Position(n.Pos())
	for _, d := range ds {
		if d.reason && d.file == p.Filename && (d.line == p.Line || d.line == p.Line-1) {
			return true
		}
	}
	return false
}

// reportMissingReasons reports each //retrylint:ignore that does not say why:
// such a directive silences nothing.
func (ds directives) reportMissingReasons(pass *analysis.Pass) {
	for _, d := range ds {
		if !d.reason {
			pass.Report(analysis.Diagnostic{
				Pos:      d.pos,
				End:      d.pos + token.Pos(len(ignorePrefix)),
				Category: CategoryDirective,
				URL:      docsURL + "/findings/directive.md",
				Message:  "retrylint:ignore directive needs a reason: //retrylint:ignore <why this loop stays>",
			})
		}
	}
}
