package driver

import (
	"flag"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
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
