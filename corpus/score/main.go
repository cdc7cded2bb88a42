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
// found retries get a fix. -list prints each miss, false report,
// unjudged report and found retry without a fix (with the reason), to read.
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
	// args are what retrylint is given before ./... (build tags that leave
	// out code whose dependencies the module proxy does not serve).
	args []string
}

// label is a row of a label file.
type label struct {
	repo, file         string
	line               int
	label, shape, note string
	features           []string
}

// result is what retrylint made of a repository.
type result struct {
	findings []finding
	// unloaded are the packages that did not load or could not be
	// analysed, by directory relative to the repository's root, and
	// whether it is the test variant: a label in one is neither found nor
	// missed.
	unloaded map[pkgKey]bool
}

// pkgKey names a package by its directory and variant.
type pkgKey struct {
	dir  string
	test bool
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
	list := fs.Bool("list", false, "list every miss, false report, unjudged report and true retry found without a fix")
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
	fmt.Fprintln(tw, "repository\tsplit\ttrue loops\tfound\trecall\tother true\tfound\tfalse\tprecision\tunjudged\tfixed\tfix rate\tnot loaded\t")
	var totals = map[string]*tally{}
	var details bytes.Buffer
	for _, r := range repos {
		if len(want) > 0 && !want[r.name] || len(want) == 0 && *split != "all" && r.split != *split {
			continue
		}
		dir := filepath.Join(*checkouts, strings.ReplaceAll(r.name, "/", "__"))
		res, err := analyse(*bin, dir, r)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		t := score(r, labels[r.name], res, &details, *list)
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
	// unloaded counts the true retries in packages that did not load.
	unloaded int
}

func (t *tally) add(u *tally) {
	t.trueLoops += u.trueLoops
	t.foundLoops += u.foundLoops
	t.trueOther += u.trueOther
	t.foundOther += u.foundOther
	t.falseReports += u.falseReports
	t.unjudged += u.unjudged
	t.fixed += u.fixed
	t.unloaded += u.unloaded
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(a)/float64(b), 'f', 2, 64)
}

func (t *tally) row(name, split string) string {
	found := t.foundLoops + t.foundOther
	return fmt.Sprintf("%s\t%s\t%d\t%d\t%s\t%d\t%d\t%d\t%s\t%d\t%d\t%s\t%d\t", name, split,
		t.trueLoops, t.foundLoops, ratio(t.foundLoops, t.trueLoops),
		t.trueOther, t.foundOther, t.falseReports, ratio(found, found+t.falseReports),
		t.unjudged, t.fixed, ratio(t.fixed, found), t.unloaded)
}

// score matches the findings of a repository with its labels.
func score(r repo, labels []label, res *result, w io.Writer, list bool) *tally {
	t := &tally{}
	findings := res.findings
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
		if res.unloaded[pkgKey{dir: filepath.ToSlash(filepath.Dir(l.file)), test: strings.HasSuffix(l.file, "_test.go")}] {
			t.unloaded++
			if list {
				fmt.Fprintf(w, "%s not loaded %s:%d\n", r.name, l.file, l.line)
			}
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
		} else if list {
			fmt.Fprintf(w, "%s unfixed %s:%d: %s\n", r.name, l.file, l.line, f.message)
		}
	}
	return t
}

// analyse runs retrylint in every module of a repository and returns its
// findings, once each, and the packages it could not analyse.
func analyse(bin, dir string, r repo) (*result, error) {
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
	res := &result{unloaded: map[pkgKey]bool{}}
	for _, m := range r.modules {
		modDir := filepath.Join(dir, m)
		modPath, err := modulePath(modDir)
		if err != nil {
			return nil, err
		}
		cmd := exec.Command(bin, append(append([]string{"-json"}, r.args...), "./...")...)
		cmd.Dir = modDir
		// A module that vendors its dependencies builds from vendor/; the
		// others get theirs from the module proxy.
		mod := "-mod=mod"
		if _, err := os.Stat(filepath.Join(modDir, "vendor", "modules.txt")); err == nil {
			mod = "-mod=vendor"
		}
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS="+mod, "GOTOOLCHAIN=local")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err = cmd.Run()
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && (exit.ExitCode() == 3 || exit.ExitCode() == 1)) {
			return nil, fmt.Errorf("%s in %s: %v\n%s", bin, m, err, stderr.String())
		}
		fs, failed, err := parseJSON(stdout.Bytes(), dir)
		if err != nil {
			return nil, fmt.Errorf("module %s: %w\n%s", m, err, stderr.String())
		}
		if exit != nil && exit.ExitCode() == 1 && len(failed) == 0 {
			// errors, and no package that says it failed: nothing ran
			return nil, fmt.Errorf("%s in %s: %v\n%s", bin, m, err, stderr.String())
		}
		for _, pkg := range failed {
			if k, ok := pkgDir(pkg, modPath, m); ok {
				res.unloaded[k] = true
			}
		}
		for _, f := range fs {
			k := f.file + ":" + strconv.Itoa(f.line)
			if !seen[k] {
				seen[k] = true
				res.findings = append(res.findings, f)
			}
		}
	}
	sort.Slice(res.findings, func(i, j int) bool {
		a, b := res.findings[i], res.findings[j]
		if a.file != b.file {
			return a.file < b.file
		}
		return a.line < b.line
	})
	return res, nil
}

// modulePath reads the module path of the go.mod in dir.
func modulePath(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`), nil
		}
	}
	return "", fmt.Errorf("%s/go.mod: no module line", dir)
}

// pkgDir places a package of the JSON output (path, path [path.test],
// path_test [path.test]) in the repository: its directory, relative to the
// root, and whether it is a test variant. Packages of other modules and
// generated test mains are not the repository's.
func pkgDir(pkg, modPath, modDir string) (pkgKey, bool) {
	path, variant, _ := strings.Cut(pkg, " ")
	test := variant != "" || strings.HasSuffix(path, "_test")
	path = strings.TrimSuffix(path, "_test")
	if strings.HasSuffix(path, ".test") {
		return pkgKey{}, false
	}
	var rel string
	switch {
	case path == modPath:
		rel = "."
	case strings.HasPrefix(path, modPath+"/"):
		rel = strings.TrimPrefix(path, modPath+"/")
	default:
		return pkgKey{}, false
	}
	return pkgKey{dir: filepath.ToSlash(filepath.Clean(filepath.Join(modDir, rel))), test: test}, true
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

// parseJSON reads retrylint -json output: package, analyzer, diagnostics
// or an error. A retry function is placed at its loop (the related
// position), where its label is. failed lists the packages that report an
// error instead of diagnostics.
func parseJSON(data []byte, root string) (out []finding, failed []string, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var pkgs map[string]map[string]json.RawMessage
		if err := dec.Decode(&pkgs); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, err
		}
		for pkg, byAnalyzer := range pkgs {
			for _, raw := range byAnalyzer {
				var diags []jsonDiag
				if json.Unmarshal(raw, &diags) != nil {
					failed = append(failed, pkg) // {"error": ...}: the package did not load
					continue
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
	return out, failed, nil
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
		r := repo{name: row["repo"], commit: row["commit"], split: row["split"], kind: row["kind"], setup: row["setup"], args: strings.Fields(row["args"])}
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
