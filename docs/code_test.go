// Package docs holds the user documentation. Its test keeps the Go code in it
// honest: every ```go block of the README and of docs/ must build.
package docs

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// block is one ```go block of a Markdown file.
type block struct {
	file string // path of the Markdown file, relative to the repository root
	line int    // line of the block's first code line
	code string
}

// goBlocks returns the ```go blocks of the Markdown file at path.
func goBlocks(t *testing.T, root, path string) []block {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rel, _ := filepath.Rel(root, path)
	var (
		blocks []block
		cur    *block
		fence  string
	)
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		trimmed := strings.TrimSpace(text)
		switch {
		case cur == nil && fence == "" && strings.HasPrefix(trimmed, "```"):
			fence = trimmed[:strings.LastIndex(trimmed, "`")+1]
			if strings.TrimSpace(strings.TrimPrefix(trimmed, fence)) == "go" {
				cur = &block{file: rel, line: n + 1}
			}
		case fence != "" && trimmed == fence:
			if cur != nil {
				blocks = append(blocks, *cur)
			}
			cur, fence = nil, ""
		case cur != nil:
			cur.code += text + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Errorf("%s:%d: unterminated ```go block", rel, cur.line)
	}
	return blocks
}

// TestGoBlocksBuild writes each ```go block as its own package of a temporary
// module that depends on this checkout, then builds and vets them all at once.
func TestGoBlocksBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every Go block of the docs")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	files := []string{filepath.Join(root, "README.md")}
	err = filepath.WalkDir(filepath.Join(root, "docs"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	tmp := t.TempDir()
	var blocks []block
	for _, file := range files {
		if _, err := os.Stat(file); os.IsNotExist(err) {
			continue
		}
		for _, b := range goBlocks(t, root, file) {
			if !regexp.MustCompile(`(?m)^package \w+`).MatchString(b.code) {
				t.Errorf("%s:%d: a ```go block must be a complete file starting with a package clause; use ```text for fragments", b.file, b.line)
				continue
			}
			dir := filepath.Join(tmp, fmt.Sprintf("b%d", len(blocks)))
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "block.go"), []byte(b.code), 0o644); err != nil {
				t.Fatal(err)
			}
			blocks = append(blocks, b)
		}
	}
	if len(blocks) == 0 {
		t.Skip("no ```go blocks in the docs yet")
	}
	writeModule(t, root, tmp)

	bin := t.TempDir() + string(filepath.Separator)
	for _, args := range [][]string{{"build", "-o", bin, "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("go %s of the docs' Go blocks failed:\n%s", args[0], mapLines(string(out), blocks))
		}
	}
}

// writeModule makes tmp a module that requires this checkout and everything
// this checkout requires, so blocks may import any of it without a download.
func writeModule(t *testing.T, root, tmp string) {
	t.Helper()
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	// The retry package is a module of its own, in retry/.
	b.WriteString("module docblocks\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/retrylint/retrylint v0.0.0\n\tgithub.com/retrylint/retrylint/retry v0.0.0\n)\n\n")
	fmt.Fprintf(&b, "replace github.com/retrylint/retrylint => %s\n\n", root)
	fmt.Fprintf(&b, "replace github.com/retrylint/retrylint/retry => %s\n\n", filepath.Join(root, "retry"))
	if i := strings.Index(string(gomod), "require ("); i >= 0 {
		req := string(gomod)[i:]
		b.WriteString(req[:strings.Index(req, ")")+1] + "\n")
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
}

// mapLines rewrites "bN/block.go:L" in compiler output into the Markdown
// file and line the code came from.
func mapLines(out string, blocks []block) string {
	re := regexp.MustCompile(`b(\d+)[/\\]block\.go:(\d+)`)
	return re.ReplaceAllStringFunc(out, func(m string) string {
		sub := re.FindStringSubmatch(m)
		i, _ := strconv.Atoi(sub[1])
		line, _ := strconv.Atoi(sub[2])
		if i >= len(blocks) {
			return m
		}
		return fmt.Sprintf("%s:%d", blocks[i].file, blocks[i].line+line-1)
	})
}
