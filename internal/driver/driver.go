// Package driver is the engine of the retrylint command: it loads packages
// with go/packages, runs one analyzer over them with
// golang.org/x/tools/go/analysis/checker, and reports what it finds (text,
// JSON, SARIF, GitHub annotations) or applies the fixes. Dependencies are
// type-checked from export data even for an analyzer with facts, which runs
// on the packages named and, for their facts, on the packages of their
// modules that they use (scope.go).
//
// A command is one line: driver.Main(analyzer). When the go command runs the
// program as a vet or fix tool (go vet -vettool, go fix -fixtool), Main hands
// over to the standard unitchecker instead, so one binary serves both ways.
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// Exit codes of Run, documented in docs/cli.md.
const (
	// ExitClean means no findings (report mode) or nothing to fix.
	ExitClean = 0
	// ExitError means the run could not do its job: a package did not load
	// or type-check, the analyzer failed, a fix could not be applied or an
	// output could not be written.
	ExitError = 1
	// ExitUsage means the command line was wrong.
	ExitUsage = 2
	// ExitFindings means findings were reported or, with -fail-on-change,
	// that -fix changed files or -diff would change them.
	ExitFindings = 3
)

// An Option tells Main and Run more about the analyzer: a Requirement of
// its fixes, or where its facts stem from (FactsStemFrom).
type Option interface {
	apply(r *runner)
}

func (req Requirement) apply(r *runner) { r.reqs = append(r.reqs, req) }

// FactsStemFrom says that the analyzer exports a fact only in a package
// that imports one of paths, directly or through a package that exports
// facts: retrylint's wait helpers all wait with package time. Packages that
// cannot hold a fact are then never analysed for their facts (see scope.go).
func FactsStemFrom(paths ...string) Option {
	return factStems(paths)
}

type factStems []string

func (s factStems) apply(r *runner) { r.stems = append(r.stems, s...) }

// Main runs the command named after a and exits. It never returns. opts are
// Requirements (the modules whose packages a's fixes may start importing:
// -fix adds them to the go.mod files that need them; the go vet and go fix
// protocols do not touch go.mod) and FactsStemFrom.
func Main(a *analysis.Analyzer, opts ...Option) {
	if IsVetInvocation(os.Args[1:]) {
		// singlechecker.Main passes a .cfg unit to unitchecker.Run and
		// answers -flags and -V=full, with the analyzer's flags unprefixed,
		// as every singlechecker-based vet tool does. vetAnalyzer keeps
		// the facts inside the main modules, much as Run does.
		singlechecker.Main(vetAnalyzer(a, os.Args[1:]))
	}
	os.Exit(Run(a, os.Args[1:], os.Stdout, os.Stderr, opts...))
}

// IsVetInvocation reports whether args are those of the go command's vet
// tool protocol: "-flags" (describe the flags as JSON), "-V=full" (describe
// the executable for the build cache), or a single *.cfg argument describing
// one package unit.
func IsVetInvocation(args []string) bool {
	for _, arg := range args {
		switch arg {
		case "-flags", "--flags", "-V=full", "--V=full":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") && !strings.HasPrefix(args[len(args)-1], "-")
}

// options are the command line, parsed.
type options struct {
	fix, diff, jsonOut, tests, version bool
	failOnChange                       bool
	context                            int
	format                             string
	inventory                          string // the format of -inventory, "" for none
	sarifFile                          string
	tags                               string
	patterns                           []string
	profiles                           profiles
}

// Run runs the command line args (without the program name) and returns the
// exit code. Diagnostics and the summary go to stderr, like go vet's;
// machine-readable output (JSON, SARIF, annotations, diffs) to stdout.
// options are as for Main.
func Run(a *analysis.Analyzer, args []string, stdout, stderr io.Writer, options ...Option) int {
	opts, err := parseFlags(a, args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", a.Name, err)
		fmt.Fprintf(stderr, "run '%s -h' for usage\n", a.Name)
		return ExitUsage
	}
	if opts.version {
		fmt.Fprintf(stdout, "%s version %s\n", a.Name, version())
		return ExitClean
	}
	r := &runner{a: a, opts: opts, stdout: stdout, stderr: stderr}
	for _, o := range options {
		o.apply(r)
	}
	stop, err := opts.profiles.start()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", a.Name, err)
		return ExitError
	}
	code := r.run()
	if err := stop(); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", a.Name, err)
		return ExitError
	}
	return code
}

// parseFlags declares the driver's flags and the analyzer's own, and parses
// args. The analyzer's flags are shared with a (they configure it).
func parseFlags(a *analysis.Analyzer, args []string, stderr io.Writer) (*options, error) {
	o := &options{tests: true, context: -1}
	fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.fix, "fix", false, "apply the first fix of each finding (files are written whole, or none)")
	fs.BoolVar(&o.diff, "diff", false, "print the fixes as a unified diff instead of applying them")
	fs.BoolVar(&o.failOnChange, "fail-on-change", false, "with -fix or -diff: exit 3 when files were or would be changed")
	fs.BoolVar(&o.jsonOut, "json", false, "print findings as JSON, like other go/analysis drivers (same as -format=json)")
	fs.StringVar(&o.format, "format", "text", "output format: text, json, sarif or github (workflow annotations)")
	fs.StringVar(&o.sarifFile, "sarif", "", "also write the findings as SARIF 2.1.0 to this `file`")
	fs.BoolVar(&o.tests, "test", true, "analyze test files too")
	fs.IntVar(&o.context, "c", -1, "print each finding's line with this many `lines` of context around it")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build `tags` for loading packages")
	fs.BoolVar(&o.version, "V", false, "print the version and exit")
	fs.StringVar(&o.profiles.cpu, "cpuprofile", "", "write a CPU profile of the run to this `file`")
	fs.StringVar(&o.profiles.mem, "memprofile", "", "write a profile of the run's allocations to this `file`")
	fs.Var(inventoryFlag{&o.inventory}, "inventory", "print every finding's retry policy side by side on stdout: -inventory (a table), -inventory=md or -inventory=json")
	a.Flags.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) != nil {
			panic(fmt.Sprintf("analyzer flag -%s collides with a driver flag", f.Name))
		}
		fs.Var(f.Value, f.Name, f.Usage)
	})
	fs.Usage = func() { usage(fs, a) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errors.New("bad command line (see above)")
	}
	o.patterns = fs.Args()
	if o.jsonOut {
		if o.format != "text" && o.format != "json" {
			return nil, fmt.Errorf("-json conflicts with -format=%s", o.format)
		}
		o.format = "json"
	}
	switch o.format {
	case "text", "json", "sarif", "github":
	default:
		return nil, fmt.Errorf("unknown -format %q (want text, json, sarif or github)", o.format)
	}
	changing := o.fix || o.diff
	if changing && (o.format == "json" || o.format == "sarif") {
		return nil, fmt.Errorf("-format=%s reports findings and cannot be combined with -fix or -diff (use -sarif=file)", o.format)
	}
	if err := o.checkInventory(a); err != nil {
		return nil, err
	}
	if o.failOnChange && !changing {
		return nil, errors.New("-fail-on-change needs -fix or -diff")
	}
	if len(o.patterns) == 0 && !o.version {
		return nil, errors.New("no packages given (for example: ./...)")
	}
	return o, nil
}

func usage(fs *flag.FlagSet, a *analysis.Analyzer) {
	w := fs.Output()
	title, rest, _ := strings.Cut(a.Doc, "\n\n")
	fmt.Fprintf(w, "%s: %s\n\n", a.Name, title)
	fmt.Fprintf(w, "Usage: %s [flags] packages...\n\n", a.Name)
	if rest != "" {
		fmt.Fprintf(w, "%s\n\n", rest)
	}
	fmt.Fprintf(w, `Exit codes: 0 no findings, 3 findings (or, with -fail-on-change, changes),
1 errors, 2 bad command line.

It also runs as "go vet -vettool=$(which %[1]s)" and "go fix -fixtool=$(which %[1]s)".

Flags:
`, a.Name)
	fs.PrintDefaults()
}

// version is the module version the command was built from, and the Go
// version; "(devel)" for a build inside a checkout.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	return v + " " + info.GoVersion
}
