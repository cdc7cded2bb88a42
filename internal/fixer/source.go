package fixer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// source is the text of the file being fixed, with the positions of its
// nodes. Every edit is computed from it, so that the fixes of one file never
// depend on each other.
type source struct {
	fset *token.FileSet
	tok  *token.File
	src  []byte
}

// off returns the byte offset of pos in the file.
func (s *source) off(pos token.Pos) int { return s.tok.Offset(pos) }

// text returns the source text of [pos, end).
func (s *source) text(pos, end token.Pos) string { return string(s.src[s.off(pos):s.off(end)]) }

// nodeText returns the source text of n.
func (s *source) nodeText(n ast.Node) string { return s.text(n.Pos(), n.End()) }

// indent returns the whitespace that starts the line holding pos.
func (s *source) indent(pos token.Pos) string {
	o := s.off(pos)
	start := bytes.LastIndexByte(s.src[:o], '\n') + 1
	end := start
	for end < len(s.src) && (s.src[end] == '\t' || s.src[end] == ' ') {
		end++
	}
	return string(s.src[start:end])
}

// lineStart returns the position of the first byte of the line holding pos.
func (s *source) lineStart(pos token.Pos) token.Pos {
	o := s.off(pos)
	return s.tok.Pos(bytes.LastIndexByte(s.src[:o], '\n') + 1)
}

// lineEnd returns the position of the newline that ends the line holding pos
// (or the end of the file).
func (s *source) lineEnd(pos token.Pos) token.Pos {
	o := s.off(pos)
	if i := bytes.IndexByte(s.src[o:], '\n'); i >= 0 {
		return s.tok.Pos(o + i)
	}
	return s.tok.Pos(len(s.src))
}

// aloneOnLines reports whether [pos, end) is the only thing on its lines
// apart from indentation, so that deleting it may delete its lines.
func (s *source) aloneOnLines(pos, end token.Pos) bool {
	before := s.src[s.off(s.lineStart(pos)):s.off(pos)]
	after := s.src[s.off(end):s.off(s.lineEnd(end))]
	return len(bytes.TrimSpace(before)) == 0 && len(bytes.TrimSpace(after)) == 0
}

// edits collects the text edits of one fix.
type edits struct {
	list []analysis.TextEdit
}

func (e *edits) replace(pos, end token.Pos, text string) {
	e.list = append(e.list, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

func (e *edits) insert(pos token.Pos, text string) { e.replace(pos, pos, text) }

// deleteStmt deletes a statement, with its line when nothing else is on it,
// and a blank line it would leave right after an opening brace.
func (e *edits) deleteStmt(s *source, n ast.Node) {
	pos, end := n.Pos(), n.End()
	if !s.aloneOnLines(pos, end) {
		e.replace(pos, end, "")
		return
	}
	from, to := s.lineStart(pos), s.lineEnd(end)+1
	prev := bytes.TrimRight(s.src[:s.off(from)], " \t\n")
	if i := bytes.LastIndexByte(prev, '\n'); i >= 0 {
		// The previous line, without a trailing comment.
		line := prev[i+1:]
		if j := bytes.Index(line, []byte("//")); j >= 0 {
			line = line[:j]
		}
		prev = bytes.TrimRight(line, " \t")
	}
	if len(prev) > 0 && prev[len(prev)-1] == '{' && s.off(to) < len(s.src) {
		next := s.lineEnd(to)
		if len(bytes.TrimSpace(s.src[s.off(to):s.off(next)])) == 0 && s.off(next) < len(s.src) {
			to = next + 1
		}
	}
	e.replace(from, to, "")
}

// deleteLines deletes the lines that hold [pos, end), and a blank line that
// follows them, so that no run of blank lines is left behind.
func (e *edits) deleteLines(s *source, pos, end token.Pos) {
	from, to := s.lineStart(pos), s.lineEnd(end)+1
	if o := s.off(to); o < len(s.src) && s.src[o] == '\n' && s.off(from) > 0 && s.src[s.off(from)-1] == '\n' {
		to++
	}
	e.replace(from, to, "")
}

// sorted returns the edits in order, checking that none overlap: the fix
// must apply in one go, alongside the other fixes of the file.
func (e *edits) sorted() ([]analysis.TextEdit, error) {
	list := append([]analysis.TextEdit(nil), e.list...)
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Pos != list[j].Pos {
			return list[i].Pos < list[j].Pos
		}
		return list[i].End < list[j].End
	})
	for i := 1; i < len(list); i++ {
		if list[i].Pos < list[i-1].End {
			return nil, fmt.Errorf("internal error: overlapping edits at %d", list[i].Pos)
		}
	}
	return list, nil
}

// formatStmts formats Go statements the way gofmt would print them at the
// given indentation, each line after the first prefixed with indent. It is
// used for the code a fix writes, so that the fixed file stays gofmt-clean.
func formatStmts(stmts, indent string) (string, error) {
	const head = "package p\n\nfunc _() {\n"
	out, err := format.Source([]byte(head + stmts + "\n}\n"))
	if err != nil {
		return "", fmt.Errorf("internal error: generated code does not parse: %v\n%s", err, stmts)
	}
	body := strings.TrimSuffix(strings.TrimPrefix(string(out), head), "}\n")
	body = strings.TrimSuffix(body, "\n")
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(l, "\t")
		if i > 0 && l != "" {
			l = indent + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n"), nil
}

// applyEdits returns the file's text with sorted, non-overlapping edits
// applied.
func applyEdits(s *source, list []analysis.TextEdit) []byte {
	var out []byte
	last := 0
	for _, e := range list {
		start, end := s.off(e.Pos), s.off(e.End)
		out = append(out, s.src[last:start]...)
		out = append(out, e.NewText...)
		last = end
	}
	return append(out, s.src[last:]...)
}
