package driver

import (
	"flag"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// newFake returns the test analyzer the driver's scripts run as "fakelint".
// It reacts to calls of functions by name, so each script chooses what it
// gets by the calls it writes:
//
//	oldCall()  finding "old-call" with a fix renaming it to <prefix>Call
//	manual()   finding "manual" without a fix
//	clash()    two findings whose fixes edit the same bytes
//	broken()   a finding whose fix leaves code that does not parse
//	messy()    a finding whose fix needs gofmt
//	panicky()  makes the analyzer panic
//
// Its -prefix flag checks that analyzer flags reach the command line.
func newFake() *analysis.Analyzer {
	prefix := new(string)
	a := &analysis.Analyzer{
		Name:     "fakelint",
		Doc:      "report calls of old functions (a test analyzer)\n\nIt exists to test the driver.",
		URL:      "https://example.com/fakelint",
		Requires: []*analysis.Analyzer{inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			runFake(pass, *prefix)
			return nil, nil
		},
	}
	a.Flags.Init("fakelint", flag.ContinueOnError)
	a.Flags.StringVar(prefix, "prefix", "new", "prefix of the name that fixes give to oldCall")
	return a
}

func runFake(pass *analysis.Pass, prefix string) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for n := range insp.PreorderSeq((*ast.CallExpr)(nil)) {
		call := n.(*ast.CallExpr)
		id, ok := call.Fun.(*ast.Ident)
		if !ok {
			continue
		}
		replace := func(msg, new string) []analysis.SuggestedFix {
			return []analysis.SuggestedFix{{Message: msg, TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(new)}}}}
		}
		switch id.Name {
		case "oldCall":
			name := prefix + "Call"
			pass.Report(analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(), Category: "old-call", URL: "#old-call",
				Message:        "call of oldCall can be replaced by " + name,
				SuggestedFixes: []analysis.SuggestedFix{{Message: "Replace oldCall with " + name, TextEdits: []analysis.TextEdit{{Pos: id.Pos(), End: id.End(), NewText: []byte(name)}}}},
			})
		case "manual":
			pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: "manual", Message: "call of manual needs a human",
				Related: []analysis.RelatedInformation{{Pos: id.Pos(), End: id.End(), Message: "this name"}}})
		case "clash":
			for _, v := range []string{"A", "B"} {
				pass.Report(analysis.Diagnostic{Pos: call.Pos(), Category: "clash", Message: "clash " + v,
					SuggestedFixes: replace("Make it clash"+v, "clash"+v+"()")})
			}
		case "broken":
			pass.Report(analysis.Diagnostic{Pos: call.Pos(), Category: "broken", Message: "call of broken",
				SuggestedFixes: replace("Break it", "broken(")})
		case "messy":
			pass.Report(analysis.Diagnostic{Pos: call.Pos(), Category: "messy", Message: "call of messy",
				SuggestedFixes: replace("Inline messy", "func(){\nx:=1\n_=x\n}()")})
		case "panicky":
			panic("fakelint cannot stand " + strings.ToUpper(id.Name))
		}
	}
}

// marked is the fact of factlint: the function waits.
type marked struct{}

func (*marked) AFact()         {}
func (*marked) String() string { return "marked" }

// newFactFake returns the test analyzer the scripts run as "factlint", to
// test how the driver carries facts. A function declared at package level
// is marked when it calls time.Sleep or a marked function, or when its
// name starts with "Marked" (a fact that does not stem from package time,
// to see which packages are analysed for their facts); factlint reports
// every call of a marked function of another package.
func newFactFake() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      "factlint",
		Doc:       "report calls of functions that sleep (a test analyzer)\n\nIt exists to test how the driver carries facts.",
		FactTypes: []analysis.Fact{new(marked)},
		Run: func(pass *analysis.Pass) (any, error) {
			marks := func(n ast.Node) *types.Func { // the marked function n calls
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return nil
				}
				fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
				switch {
				case !ok || fn.Pkg() == nil:
					return nil
				case fn.Pkg().Path() == "time" && fn.Name() == "Sleep",
					pass.ImportObjectFact(fn, new(marked)):
					return fn
				}
				return nil
			}
			// The package's functions first, callees before callers (two
			// rounds are enough for the scripts).
			for range 2 {
				for _, f := range pass.Files {
					for _, d := range f.Decls {
						fd, ok := d.(*ast.FuncDecl)
						if !ok || fd.Body == nil {
							continue
						}
						fn := pass.TypesInfo.Defs[fd.Name].(*types.Func)
						mark := strings.HasPrefix(fn.Name(), "Marked")
						ast.Inspect(fd.Body, func(n ast.Node) bool {
							mark = mark || marks(n) != nil
							return true
						})
						if mark {
							pass.ExportObjectFact(fn, new(marked))
						}
					}
				}
			}
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					if fn := marks(n); fn != nil && fn.Pkg() != pass.Pkg && fn.Pkg().Path() != "time" {
						pass.Reportf(n.Pos(), "call of marked %s.%s", fn.Pkg().Name(), fn.Name())
					}
					return true
				})
			}
			return nil, nil
		},
	}
}
