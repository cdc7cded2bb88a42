package analyzer_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/retrylint/retrylint/analyzer"
	"github.com/retrylint/retrylint/internal/inventory"
)

// TestInventoryRows checks the analyzer's result: one row per reported retry
// (none for the one a directive silences), where its diagnostic is, with
// the facts of the model in the words of the messages.
func TestInventoryRows(t *testing.T) {
	results := analysistest.Run(t, testdata, analyzer.Analyzer, "inventory/rows")
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	rows, ok := results[0].Result.([]inventory.Row)
	if !ok {
		t.Fatalf("the result is a %T, want []inventory.Row", results[0].Result)
	}
	every := inventory.Policy{Bound: "3 attempts", Schedule: "constant delay of 100ms", RetriesOn: "any error"}
	want := []inventory.Row{
		{Line: 26, Column: 2, Facts: inventory.Facts{Function: "same", Kind: "counted-loop", Policy: every,
			Attempts: 3, Ctx: "no context", Fixable: true}},
		{Line: 37, Column: 2, Facts: inventory.Facts{Function: "twin", Kind: "counted-loop", Policy: every,
			Attempts: 3, Ctx: "no context", Fixable: true}},
		{Line: 53, Column: 2, Facts: inventory.Facts{Function: "(*Client).Get", Kind: "counted-loop",
			Policy:   inventory.Policy{Bound: "8 attempts", Schedule: "exponential backoff from 50ms", Cap: "1s", RetriesOn: "isTemporary(err)"},
			Attempts: 8, WatchesCtx: true, Ctx: "watches ctx", Logs: []string{"log.Printf"}, Metrics: []string{"retries.Add"}, Fixable: true}},
		{Line: 77, Column: 2, Facts: inventory.Facts{Function: "budget", Kind: "time-budget",
			Policy: inventory.Policy{Bound: "for up to 2s", Schedule: "constant delay of 10ms", RetriesOn: "all but errBusy"},
			Ctx:    "ignores ctx", Fixable: true}},
		{Line: 94, Column: 3, Facts: inventory.Facts{Function: "literal in handler", Kind: "counted-loop", Policy: every,
			Attempts: 3, Ctx: "no context", Fixable: true}},
		{Line: 108, Column: 2, Facts: inventory.Facts{Function: "counterAfter", Kind: "while-counter",
			Policy:   inventory.Policy{Bound: "4 attempts", Schedule: "constant delay of 1s", RetriesOn: "any error"},
			Attempts: 4, Ctx: "no context", NoFix: "the counter is used after the loop"}},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, got := range rows {
		w := want[i]
		w.File = filepath.Join(testdata, "src", "inventory", "rows", "rows.go")
		w.Package = "inventory/rows"
		if w.Logs == nil {
			w.Logs = []string{}
		}
		if w.Metrics == nil {
			w.Metrics = []string{}
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
}
