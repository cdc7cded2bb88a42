// Command score measures a retrylint build against the corpus labels: for
// each repository of corpus/repos.tsv checked out under a directory, it runs
// retrylint -json in every module the manifest lists and matches the
// findings with the hand-made labels of corpus/labels.
//
// Usage:
//
//	go run ./corpus/score -checkouts /work/corpus [-retrylint bin] [-split tune|heldout|all] [-list] [repo ...]
//
// A repository's checkout is the directory owner__name under -checkouts, at
// the commit the manifest pins (docs/corpus.md says how to get them). For
// every repository it prints the true retries labelled (loops, and other
// shapes apart), those found, recall, the lookalikes reported (false
// reports), precision, the reports no label judges yet, and how many of the
// found retries get a fix. -list prints each miss, false report and
// unjudged report, to read.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "score:", err)
		os.Exit(1)
	}
}

// repo is a row of corpus/repos.tsv.
type repo struct {
	name, commit, split, kind string
	modules                   []string
	setup                     string
}

// label is a row of a label file.
type label struct {
	repo, file         string
	line               int
	label, shape, note string
	features           []string
}

// finding is one report of retrylint, placed where the retry is.
type finding struct {
	file    string // relative to the repository's root
	line    int
	message string
	fixed   bool
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	checkouts := fs.String("checkouts", "", "directory holding the checkouts, one owner__name directory each")
	bin := fs.String("retrylint", "", "retrylint binary to score (default: built from this module)")
	split := fs.String("split", "tune", "which repositories: tune, heldout or all")
	list := fs.Bool("list", false, "list every miss, false report and unjudged report")
	root := fs.String("corpus", "corpus", "directory of repos.tsv and labels/")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *checkouts == "" {
		return errors.New("-checkouts is required")
	}
	repos, err := readRepos(filepath.Join(*root, "repos.tsv"))
	if err != nil {
		return err
	}
	labels, err := readLabels(filepath.Join(*root, "labels"))
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, a := range fs.Args() {
		want[a] = true
	}
	if *bin == "" {
		dir, err := os.MkdirTemp("", "score")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*bin = filepath.Join(dir, "retrylint")
		if out, err := exec.Command("go", "build", "-o", *bin, "./cmd/retrylint").CombinedOutput(); err != nil {
			return fmt.Errorf("building retrylint: %v\n%s", err, out)
		}
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "repository\tsplit\ttrue loops\tfound\trecall\tother true\tfound\tfalse\tprecision\tunjudged\tfixed\tfix rate\t")
	var totals = map[string]*tally{}
	var details bytes.Buffer
	for _, r := range repos {
		if len(want) > 0 && !want[r.name] || len(want) == 0 && *split != "all" && r.split != *split {
			continue
		}
		dir := filepath.Join(*checkouts, strings.ReplaceAll(r.name, "/", "__"))
		findings, err := analyse(*bin, dir, r)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		t := score(r, labels[r.name], findings, &details, *list)
		fmt.Fprintln(tw, t.row(r.name, r.split))
		for _, key := range []string{r.split, "all"} {
			if totals[key] == nil {
				totals[key] = &tally{}
			}
			totals[key].add(t)
		}
	}
	for _, key := range []string{"tune", "heldout", "all"} {
		if t := totals[key]; t != nil {
			fmt.Fprintln(tw, t.row("total", key))
		}
	}
	tw.Flush()
	if *list {
		fmt.Fprintf(stdout, "\n%s", details.String())
	}
	return nil
}

// tally counts one repository's results.
type tally struct {
	trueLoops, foundLoops, trueOther, foundOther, falseReports, unjudged, fixed int
}

func (t *tally) add(u *tally) {
	t.trueLoops += u.trueLoops
	t.foundLoops += u.foundLoops
	t.trueOther += u.trueOther
	t.foundOther += u.foundOther
	t.falseReports += u.falseReports
	t.unjudged += u.unjudged
	t.fixed += u.fixed
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(a)/float64(b), 'f', 2, 64)
}

func (t *tally) row(name, split string) string {
	found := t.foundLoops + t.foundOther
	return fmt.Sprintf("%s\t%s\t%d\t%d\t%s\t%d\t%d\t%d\t%s\t%d\t%d\t%s\t", name, split,
		t.trueLoops, t.foundLoops, ratio(t.foundLoops, t.trueLoops),
		t.trueOther, t.foundOther, t.falseReports, ratio(found, found+t.falseReports),
		t.unjudged, t.fixed, ratio(t.fixed, found))
}

// score matches the findings of a repository with its labels.
func score(r repo, labels []label, findings []finding, w io.Writer, list bool) *tally {
	t := &tally{}
	byPos := map[string]*label{}
	for i := range labels {
		l := &labels[i]
		byPos[l.file+":"+strconv.Itoa(l.line)] = l
	}
	matched := map[*label]finding{}
	for _, f := range findings {
		l := byPos[f.file+":"+strconv.Itoa(f.line)]
		if l == nil {
			t.unjudged++
			if list {
				fmt.Fprintf(w, "%s unjudged %s:%d: %s\n", r.name, f.file, f.line, f.message)
			}
			continue
		}
		matched[l] = f
		if l.label == "lookalike" {
			t.falseReports++
			if list {
				fmt.Fprintf(w, "%s false %s:%d (%s) labelled: %s\n", r.name, f.file, f.line, strings.Join(l.features, ","), l.note)
			}
		}
	}
	for i := range labels {
		l := &labels[i]
		if l.label != "true" || otherOS(l) {
			continue
		}
		f, found := matched[l]
		if l.shape == "loop" {
			t.trueLoops++
		} else {
			t.trueOther++
		}
		if !found {
			if list {
				fmt.Fprintf(w, "%s miss %s:%d %s (%s): %s\n", r.name, l.file, l.line, l.shape, strings.Join(l.features, ","), l.note)
			}
			continue
		}
		if l.shape == "loop" {
			t.foundLoops++
		} else {
			t.foundOther++
		}
		if f.fixed {
			t.fixed++
		}
	}
	return t
}

// analyse runs retrylint in every module of a repository and returns its
// findings, once each.
func analyse(bin, dir string, r repo) ([]finding, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("no checkout at %s (docs/corpus.md says how to make one)", dir)
	}
	if r.setup == "vendor.mod" {
		// docker/cli keeps its module file as vendor.mod; its scripts copy
		// it to go.mod before building.
		for _, p := range [][2]string{{"vendor.mod", "go.mod"}, {"vendor.sum", "go.sum"}} {
			if _, err := os.Stat(filepath.Join(dir, p[1])); err == nil {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, p[0]))
			if err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(dir, p[1]), data, 0o644); err != nil {
				return nil, err
			}
		}
	}
	seen := map[string]bool{}
	var out []finding
	for _, m := range r.modules {
		cmd := exec.Command(bin, "-json", "./...")
		cmd.Dir = filepath.Join(dir, m)
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && (exit.ExitCode() == 3 || exit.ExitCode() == 1)) {
			return nil, fmt.Errorf("%s in %s: %v\n%s", bin, m, err, stderr.String())
		}
		fs, err := parseJSON(stdout.Bytes(), dir)
		if err != nil {
			return nil, fmt.Errorf("module %s: %w\n%s", m, err, stderr.String())
		}
		for _, f := range fs {
			k := f.file + ":" + strconv.Itoa(f.line)
			if !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].file != out[j].file {
			return out[i].file < out[j].file
		}
		return out[i].line < out[j].line
	})
	return out, nil
}

// jsonDiag is a diagnostic of the go/analysis JSON output.
type jsonDiag struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
	Related []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
	SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
}

// parseJSON reads retrylint -json output: package, analyzer, diagnostics.
// A retry function is placed at its loop (the related position), where its
// label is.
func parseJSON(data []byte, root string) ([]finding, error) {
	var out []finding
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var pkgs map[string]map[string]json.RawMessage
		if err := dec.Decode(&pkgs); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		for _, byAnalyzer := range pkgs {
			for _, raw := range byAnalyzer {
				var diags []jsonDiag
				if json.Unmarshal(raw, &diags) != nil {
					continue // {"error": ...}: the package did not load
				}
				for _, d := range diags {
					posn := d.Posn
					for _, rel := range d.Related {
						if rel.Message == "the retry loop" || strings.HasPrefix(rel.Message, "it calls itself") {
							posn = rel.Posn
						}
					}
					file, line, ok := splitPosn(posn)
					if !ok {
						continue
					}
					rel, err := filepath.Rel(root, file)
					if err != nil || strings.HasPrefix(rel, "..") {
						continue
					}
					out = append(out, finding{file: filepath.ToSlash(rel), line: line, message: d.Message, fixed: len(d.SuggestedFixes) > 0})
				}
			}
		}
	}
	return out, nil
}

// splitPosn splits file:line:col.
func splitPosn(p string) (string, int, bool) {
	parts := strings.Split(p, ":")
	if len(parts) < 3 {
		return "", 0, false
	}
	line, err := strconv.Atoi(parts[len(parts)-2])
	if err != nil {
		return "", 0, false
	}
	return strings.Join(parts[:len(parts)-2], ":"), line, true
}

// readRepos reads the manifest.
func readRepos(path string) ([]repo, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var out []repo
	for _, row := range rows {
		r := repo{name: row["repo"], commit: row["commit"], split: row["split"], kind: row["kind"], setup: row["setup"]}
		for _, m := range strings.Split(row["modules"], ",") {
			if m = strings.TrimSpace(m); m != "" {
				r.modules = append(r.modules, m)
			}
		}
		if r.name == "" || len(r.modules) == 0 || (r.split != "tune" && r.split != "heldout") {
			return nil, fmt.Errorf("%s: bad row for %q", path, r.name)
		}
		out = append(out, r)
	}
	return out, nil
}

// readLabels reads every label file, by repository.
func readLabels(dir string) (map[string][]label, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	out := map[string][]label{}
	for _, f := range files {
		rows, err := readTSV(f)
		if err != nil {
			return nil, err
		}
		for i, row := range rows {
			line, err := strconv.Atoi(row["line"])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad line %q", f, i+2, row["line"])
			}
			switch row["label"] {
			case "true", "lookalike", "borderline":
			default:
				return nil, fmt.Errorf("%s:%d: bad label %q", f, i+2, row["label"])
			}
			l := label{repo: row["repo"], file: row["file"], line: line, label: row["label"], shape: row["shape"], note: row["note"]}
			if row["features"] != "" {
				l.features = strings.Split(row["features"], ",")
			}
			out[l.repo] = append(out[l.repo], l)
		}
	}
	return out, nil
}

// readTSV reads a tab-separated file with a header line into maps.
func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var out []map[string]string
	n := 0
	for sc.Scan() {
		n++
		fields := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = fields
			continue
		}
		if len(fields) == 1 && fields[0] == "" {
			continue
		}
		if len(fields) > len(header) {
			return nil, fmt.Errorf("%s:%d: %d fields, the header has %d", path, n, len(fields), len(header))
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(fields) {
				row[h] = fields[i]
			}
		}
		out = append(out, row)
	}
	return out, sc.Err()
}

// otherOS reports whether a label is of a file that a run on Linux does not
// analyse (goos-windows, goos-freebsd).
func otherOS(l *label) bool {
	for _, f := range l.features {
		if strings.HasPrefix(f, "goos-") {
			return true
		}
	}
	return false
}
