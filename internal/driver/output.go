package driver

import (
	"bufio"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// writeText prints findings as go vet does, "file:line:col: message", with
// paths relative to the working directory and, with -c, the lines around.
func (r *runner) writeText(findings []*Finding) error {
	w := bufio.NewWriter(r.stderr)
	for _, f := range findings {
		fmt.Fprintf(w, "%s: %s\n", r.posString(f.Posn), f.Message)
		r.writeContext(w, f.Posn, f.End)
		for _, rel := range f.Related {
			fmt.Fprintf(w, "%s: \t%s\n", r.posString(rel.Posn), rel.Message)
		}
		if r.opts.diff && f.Fix != nil {
			// The fix's title names what it changes on purpose: a
			// reviewer of the diff needs it beside the change.
			fmt.Fprintf(w, "%s: \tfix: %s\n", r.posString(f.Posn), f.Fix.Message)
		}
	}
	return w.Flush()
}

func (r *runner) posString(p token.Position) string {
	p.Filename = r.rel(p.Filename)
	return p.String()
}

// writeContext prints the lines from posn to end with -c lines around them.
func (r *runner) writeContext(w *bufio.Writer, posn, end token.Position) {
	if r.opts.context < 0 {
		return
	}
	data, err := os.ReadFile(posn.Filename)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for i := posn.Line - r.opts.context; i <= max(end.Line, posn.Line)+r.opts.context; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// writeGitHub prints findings as GitHub Actions workflow commands, which the
// runner turns into annotations on the pull request's files.
func (r *runner) writeGitHub(findings []*Finding, errs []string) error {
	w := bufio.NewWriter(r.stdout)
	for _, f := range findings {
		title := r.a.Name
		if f.Category != "" {
			title += " (" + f.Category + ")"
		}
		msg := f.Message
		if f.URL != "" {
			msg += "\n" + f.URL
		}
		fmt.Fprintf(w, "::warning file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			escapeProperty(r.workspacePath(f.Posn.Filename)), f.Posn.Line, f.Posn.Column,
			f.End.Line, f.End.Column, escapeProperty(title), escapeData(msg))
	}
	for _, e := range errs {
		fmt.Fprintf(w, "::error title=%s::%s\n", escapeProperty(r.a.Name), escapeData(e))
	}
	return w.Flush()
}

// workspacePath is name relative to the repository checkout, which is what
// annotations need: $GITHUB_WORKSPACE when set and name is inside it, else
// the working directory.
func (r *runner) workspacePath(name string) string {
	if ws := os.Getenv("GITHUB_WORKSPACE"); ws != "" {
		if rel, err := filepath.Rel(ws, name); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(r.rel(name))
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, where ':' and
// ',' separate properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// summary is the last line of every run, for example
// "retrylint: 7 findings (5 fixable) in 4 files".
func (r *runner) summary(res *analysisResult, changes []fileChange, written bool, nerrs int) string {
	var b strings.Builder
	b.WriteString(r.a.Name + ": ")
	files := make(map[string]bool)
	fixable := 0
	for _, f := range res.findings {
		files[f.Posn.Filename] = true
		if f.Fix != nil {
			fixable++
		}
	}
	n := len(res.findings)
	switch {
	case n == 0:
		fmt.Fprintf(&b, "no findings in %s", plural(res.npkgs, "package"))
	case r.opts.fix && written:
		fmt.Fprintf(&b, "%s: %d fixed in %s, %d to fix by hand", plural(n, "finding"), fixable, plural(len(changes), "file"), n-fixable)
	case r.opts.fix:
		fmt.Fprintf(&b, "%s: none fixed, %d fixable, %d to fix by hand", plural(n, "finding"), fixable, n-fixable)
	case r.opts.diff:
		fmt.Fprintf(&b, "%s: %d fixable (%s would change), %d to fix by hand", plural(n, "finding"), fixable, plural(len(changes), "file"), n-fixable)
	default:
		fmt.Fprintf(&b, "%s (%d fixable) in %s", plural(n, "finding"), fixable, plural(len(files), "file"))
	}
	if nerrs > 0 {
		fmt.Fprintf(&b, "; %s", plural(nerrs, "error"))
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
