// Command measure compares what a run of retrylint costs with what the same
// driver costs running an analyzer that does nothing (internal/cost/floor):
// wall time, CPU time and peak memory of "retrylint ./..." against
// "floor ./...", and of "go vet -vettool" with each, on real repositories.
//
//	go run ./internal/cost/measure [flags] dir...
//
// Each dir is the root of a Go module (or of a module inside a go.work). In
// every round, and for every dir, each command runs once in a fresh
// process under /usr/bin/time -f '%e %M %U %S' (apt-get install time), the
// two commands alternating and taking turns at going first; the 1-minute
// load average (/proc/loadavg) is read before each run, so that a figure
// taken on a busy machine can be told. A first, unrecorded run of each
// command fills the build cache: the figures are the analysis, not the
// compilation of the dependencies' export data.
//
// With -vet, "go vet -vettool=<command> ./..." is measured the same way, on
// a warm vet cache too: the go command then replays the results of every
// package whose inputs did not change. With -coldvet, it is measured on a
// cold vet cache and a warm build cache, as after a change of the tool:
// each run gets a copy of the binary with a few random bytes appended, a
// new tool to the go command, which then runs it on every package and
// dependency again (the vet results of those copies stay in the build
// cache until it is trimmed).
//
// The output is a Markdown table of medians and their ratios (retrylint
// over floor), one row per dir and command.
//
// The corpus of docs/analyzer-cost.md is listed in corpus.txt beside this
// file: each line is a repository, the commit measured and the directory
// analysed. To check one out:
//
//	git clone https://github.com/restic/restic /work/cost-corpus/restic__restic
//	git -C /work/cost-corpus/restic__restic checkout a80be1478a4c537f8396e0db2b05120aa78f11e0
//	(cd /work/cost-corpus/restic__restic && go mod download)
package main

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "measure: %v\n", err)
		os.Exit(1)
	}
}

// tool is one of the two commands compared.
type tool struct {
	name, path string
}

// A command is how a tool is run in a dir.
type command int

const (
	direct  command = iota // tool ./...
	warmVet                // go vet -vettool=tool ./..., vet cache warm
	coldVet                // the same with a new copy of the tool each time
)

func (c command) String() string {
	return [...]string{"./...", "go vet, warm", "go vet, cold"}[c]
}

// sample is what one run cost.
type sample struct {
	seconds float64 // wall time
	cpu     float64 // user and system time, of the command and its children
	kb      int     // peak resident set of the largest process, KiB
	load    float64 // 1-minute load average before the run
}

// row is what is measured of both tools in one dir with one command.
type row struct {
	dir     string
	command command
	samples [2][]sample // floor, retrylint
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rounds := fs.Int("rounds", 5, "recorded runs of each command in each dir")
	retrylint := fs.String("retrylint", "", "retrylint binary to measure (default: built from this checkout)")
	floor := fs.String("floor", "", "floor binary to compare with (default: built from this checkout)")
	vet := fs.Bool("vet", false, "also measure go vet -vettool with each, on a warm vet cache")
	cold := fs.Bool("coldvet", false, "also measure go vet -vettool with each, on a cold vet cache")
	if err := fs.Parse(args); err != nil {
		return errors.New("bad command line")
	}
	dirs := fs.Args()
	if len(dirs) == 0 {
		return errors.New("no directories given (the roots of the modules to analyse)")
	}
	if *rounds < 1 {
		return fmt.Errorf("-rounds %d: want at least 1", *rounds)
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		return errors.New("/usr/bin/time is missing (apt-get install time)")
	}
	tmp, err := os.MkdirTemp("", "measure")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rl, err := binary(*retrylint, "github.com/retrylint/retrylint/cmd/retrylint", filepath.Join(tmp, "retrylint"))
	if err != nil {
		return err
	}
	fl, err := binary(*floor, "github.com/retrylint/retrylint/internal/cost/floor", filepath.Join(tmp, "floor"))
	if err != nil {
		return err
	}
	tools := []tool{{"floor", fl}, {"retrylint", rl}}

	var rows []*row
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		rows = append(rows, &row{dir: abs, command: direct})
		if *vet {
			rows = append(rows, &row{dir: abs, command: warmVet})
		}
		if *cold {
			rows = append(rows, &row{dir: abs, command: coldVet})
		}
	}
	// Fill the build cache (and the vet cache of the tools) first.
	for _, r := range rows {
		for _, t := range tools {
			if _, err := measure(tmp, r.dir, r.command, t); err != nil {
				return err
			}
		}
	}
	for round := 0; round < *rounds; round++ {
		for _, r := range rows {
			for i := range tools {
				k := (i + round) % len(tools) // who goes first alternates
				s, err := measure(tmp, r.dir, r.command, tools[k])
				if err != nil {
					return err
				}
				r.samples[k] = append(r.samples[k], s)
				fmt.Fprintf(stderr, "round %d %s %s %s: %.2f s, %.2f s CPU, %d MB (load %.1f)\n",
					round+1, shortName(dirs, r.dir), r.command, tools[k].name, s.seconds, s.cpu, s.kb/1024, s.load)
			}
		}
	}

	fmt.Fprintf(stdout, "| dir | command | floor: wall, CPU, memory | retrylint: wall, CPU, memory | wall | CPU | memory | load |\n")
	fmt.Fprintf(stdout, "| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range rows {
		f, l := summarize(r.samples[0]), summarize(r.samples[1])
		fmt.Fprintf(stdout, "| %s | %s | %.2f s, %.2f s, %d MB | %.2f s, %.2f s, %d MB | %.2fx | %.2fx | %.2fx | %.1f-%.1f |\n",
			shortName(dirs, r.dir), r.command, f.seconds, f.cpu, f.kb/1024, l.seconds, l.cpu, l.kb/1024,
			l.seconds/f.seconds, l.cpu/f.cpu, float64(l.kb)/float64(f.kb), min(f.minLoad, l.minLoad), max(f.maxLoad, l.maxLoad))
	}
	return nil
}

// shortName is how dir is shown: relative to the directory that holds all
// the dirs given (a module inside a repository is known by both).
func shortName(dirs []string, dir string) string {
	parent := filepath.Dir(dir)
	for _, d := range dirs {
		abs, _ := filepath.Abs(d)
		for !strings.HasPrefix(abs, parent+string(filepath.Separator)) && parent != filepath.Dir(parent) {
			parent = filepath.Dir(parent)
		}
	}
	rel, err := filepath.Rel(parent, dir)
	if err != nil {
		return dir
	}
	return rel
}

// binary returns path when it is given, and otherwise builds pkg into out.
func binary(path, pkg, out string) (string, error) {
	if path != "" {
		return filepath.Abs(path)
	}
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("cannot build %s: %w", pkg, err)
	}
	return out, nil
}

// measure runs t once in dir, as c says, under /usr/bin/time.
func measure(tmp, dir string, c command, t tool) (sample, error) {
	path := t.path
	if c == coldVet {
		var err error
		if path, err = freshCopy(tmp, t); err != nil {
			return sample{}, err
		}
		defer os.Remove(path)
	}
	load, err := loadAverage()
	if err != nil {
		return sample{}, err
	}
	timeFile := filepath.Join(tmp, "time")
	args := []string{"-f", "%e %M %U %S", "-o", timeFile}
	// Findings are the expected outcome: retrylint exits 3, go vet 1.
	okExit := map[int]bool{0: true}
	switch c {
	case direct:
		args = append(args, path, "./...")
		okExit[3] = true
	default:
		args = append(args, "go", "vet", "-vettool="+path, "./...")
		okExit[1] = true
	}
	cmd := exec.Command("/usr/bin/time", args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && okExit[exit.ExitCode()]) {
		return sample{}, fmt.Errorf("%s in %s: %v\n%s", strings.Join(args[4:], " "), dir, err, tail(out.String(), 20))
	}
	data, err := os.ReadFile(timeFile)
	if err != nil {
		return sample{}, err
	}
	s, err := parseTime(string(data))
	s.load = load
	return s, err
}

// freshCopy copies t's binary with random bytes appended, which the
// program ignores and which make it a new tool for the go command: the
// tool's identity in the vet cache is a hash of the file ("-V=full").
func freshCopy(tmp string, t tool) (string, error) {
	data, err := os.ReadFile(t.path)
	if err != nil {
		return "", err
	}
	path := filepath.Join(tmp, t.name+"-"+rand.Text()[:8])
	return path, os.WriteFile(path, append(data, rand.Text()...), 0o755)
}

// parseTime reads the last line of /usr/bin/time -f '%e %M %U %S' output
// (before it, time may say that the command exited with a non-zero status).
func parseTime(out string) (sample, error) {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 4 {
		return sample{}, fmt.Errorf("cannot read /usr/bin/time output %q", out)
	}
	sec, err1 := strconv.ParseFloat(f[0], 64)
	kb, err2 := strconv.Atoi(f[1])
	user, err3 := strconv.ParseFloat(f[2], 64)
	sys, err4 := strconv.ParseFloat(f[3], 64)
	if err := cmp.Or(err1, err2, err3, err4); err != nil {
		return sample{}, fmt.Errorf("cannot read /usr/bin/time output %q: %w", out, err)
	}
	return sample{seconds: sec, cpu: user + sys, kb: kb}, nil
}

func loadAverage() (float64, error) {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return 0, fmt.Errorf("cannot read /proc/loadavg %q", data)
	}
	return strconv.ParseFloat(f[0], 64)
}

// summary is the medians of a command's samples, and the range of the load
// they were taken under.
type summary struct {
	seconds, cpu     float64
	kb               int
	minLoad, maxLoad float64
}

func summarize(samples []sample) summary {
	var secs, cpus, loads []float64
	var kbs []int
	for _, s := range samples {
		secs = append(secs, s.seconds)
		cpus = append(cpus, s.cpu)
		kbs = append(kbs, s.kb)
		loads = append(loads, s.load)
	}
	return summary{seconds: median(secs), cpu: median(cpus), kb: median(kbs), minLoad: slices.Min(loads), maxLoad: slices.Max(loads)}
}

// median is the middle value of xs; of an even count, the lower middle one,
// so that it is always a figure that was measured.
func median[T cmp.Ordered](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
