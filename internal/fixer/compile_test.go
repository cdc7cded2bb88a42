package fixer_test

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
)

// applyAll applies every fix of a file at once, as a driver does: identical
// edits (the same import added by two fixes) count once, and overlapping
// ones are an error.
func applyAll(src []byte, file string, fixes []analysis.SuggestedFix, offset func(analysisPos int) int) ([]byte, error) {
	type edit struct {
		start, end int
		text       string
	}
	seen := map[edit]bool{}
	var list []edit
	for _, f := range fixes {
		for _, e := range f.TextEdits {
			x := edit{offset(int(e.Pos)), offset(int(e.End)), string(e.NewText)}
			if !seen[x] {
				seen[x] = true
				list = append(list, x)
			}
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].start != list[j].start {
			return list[i].start < list[j].start
		}
		return list[i].end < list[j].end
	})
	var out bytes.Buffer
	last := 0
	for i, e := range list {
		if i > 0 && e.start < list[i-1].end {
			return nil, fmt.Errorf("%s: fixes overlap at byte %d", file, e.start)
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}

// fixedTree applies all fixes of the fixture tree and writes the result, with
// the real retry package, into a GOPATH under a temporary directory. It
// returns that GOPATH and the packages whose files changed.
func fixedTree(t *testing.T) (gopath string, changed []string, fixedFiles map[string][]byte) {
	t.Helper()
	_, fixes, results := fixtureOutcomes(t)
	src := filepath.Join(testdata(t), "src")
	gopath = t.TempDir()
	if err := os.CopyFS(filepath.Join(gopath, "src"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	// The real retry package replaces the fixtures' stand-in.
	retryDir := filepath.Join(gopath, "src", "github.com", "retrylint", "retrylint", "retry")
	os.RemoveAll(retryDir)
	files, _ := filepath.Glob(filepath.Join(moduleRoot(t), "retry", "*.go"))
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			copyFile(t, f, filepath.Join(retryDir, filepath.Base(f)))
		}
	}
	fset := results[0].Pass.Fset
	pkgs := map[string]bool{}
	fixedFiles = map[string][]byte{}
	for name, fs := range fixes {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tf := fset.File(fs[0].TextEdits[0].Pos)
		fixed, err := applyAll(content, name, fs, func(p int) int { return p - tf.Base() })
		if err != nil {
			t.Error(err)
			continue
		}
		if formatted, err := format.Source(fixed); err != nil {
			t.Errorf("%s: the fixed file does not parse: %v\n%s", name, err, fixed)
		} else if !bytes.Equal(formatted, fixed) {
			t.Errorf("%s: the fixed file is not gofmt-clean:\n%s", name, lineDiff(string(formatted), string(fixed)))
		}
		rel, _ := filepath.Rel(src, name)
		fixedFiles[filepath.ToSlash(rel)] = fixed
		if err := os.WriteFile(filepath.Join(gopath, "src", rel), fixed, 0o644); err != nil {
			t.Fatal(err)
		}
		pkgs[filepath.ToSlash(filepath.Dir(rel))] = true
	}
	for p := range pkgs {
		changed = append(changed, p)
	}
	sort.Strings(changed)
	return gopath, changed, fixedFiles
}

// TestFixedCompiles applies every fix the fixtures get, together per file,
// and checks that the result is gofmt-clean and passes go vet against the
// real retry package.
func TestFixedCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	gopath, changed, fixedFiles := fixedTree(t)
	if len(changed) == 0 {
		t.Fatal("no fixture got a fix")
	}
	cmd := exec.Command(goCommand(t), append([]string{"vet"}, changed...)...)
	cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off")
	cmd.Dir = filepath.Join(gopath, "src")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet of the fixed fixtures fails:\n%s", out)
	}

	// The fixed code reports nothing but the loops left without a fix, so
	// a second -fix changes nothing.
	outcomes, _, _ := fixtureOutcomes(t)
	left := map[string]int{}
	for _, o := range outcomes {
		if !strings.HasPrefix(o.result, "fixed: ") {
			left[o.pos[:strings.LastIndex(o.pos, ":")]]++
		}
	}
	again := analysistest.Run(quiet{}, gopath, analyzer.Analyzer, changed...)
	reported := map[string]int{}
	for _, res := range again {
		for _, d := range res.Diagnostics {
			if d.Category == analyzer.CategoryDirective {
				continue
			}
			p := res.Pass.Fset.Position(d.Pos)
			rel, _ := filepath.Rel(filepath.Join(gopath, "src"), p.Filename)
			rel = filepath.ToSlash(rel)
			if _, fixed := fixedFiles[rel]; !fixed {
				continue
			}
			reported[rel]++
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s:%d: the fixed code gets another fix: %s", rel, p.Line, d.Message)
			}
		}
	}
	for name := range fixedFiles {
		if reported[name] != left[name] {
			t.Errorf("%s: %d reports after the fixes, want the %d left without a fix", name, reported[name], left[name])
		}
	}
}
