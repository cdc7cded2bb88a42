package inventory

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var (
	threeFast = Policy{Bound: "3 attempts", Schedule: "constant delay of 100ms", RetriesOn: "any error"}
	fiveSlow  = Policy{Bound: "5 attempts", Schedule: "exponential backoff from 1s", Cap: "30s", RetriesOn: "isTimeout(err)"}
	budget    = Policy{Bound: "for up to 2s", Schedule: "computed delay", Jitter: "custom", RetriesOn: "all but ErrNotFound"}
)

// sample is a run's rows as the packages hand them over: out of order, and
// with the row of b.go seen twice (a package and its test variant).
func sample() []Row {
	return []Row{
		{File: "svc/b.go", Line: 40, Column: 2, Facts: Facts{Function: "(*Client).Get", Kind: "counted-loop", Policy: fiveSlow, Fixable: true, Logs: []string{"log.Printf"}}},
		{File: "svc/a.go", Line: 12, Column: 2, Facts: Facts{Function: "load", Kind: "counted-loop", Policy: threeFast, Fixable: true}},
		{File: "svc/b.go", Line: 40, Column: 2, Facts: Facts{Function: "(*Client).Get", Kind: "counted-loop", Policy: fiveSlow, Fixable: true, Logs: []string{"log.Printf"}}},
		{File: "svc/a.go", Line: 30, Column: 2, Facts: Facts{Function: "save", Kind: "time-budget", Policy: budget, NoFix: "the time budget is not understood"}},
		{File: "db/c.go", Line: 7, Column: 3, Facts: Facts{Function: "literal in open", Kind: "while-counter", Policy: threeFast, Fixable: true, Metrics: []string{"retries.Inc"}}},
		{File: "svc/a.go", Line: 50, Column: 2, Facts: Facts{Function: "store", Kind: "counted-loop", Policy: fiveSlow}},
		{File: "svc/a.go", Line: 12, Column: 9, Facts: Facts{Function: "load", Kind: "counted-loop", Policy: threeFast, Fixable: true}},
	}
}

func TestNewSortsAndCountsOnce(t *testing.T) {
	inv := New(sample())
	var got []string
	for _, r := range inv.Retries {
		got = append(got, r.Place()+" "+r.PolicyID)
	}
	// Two rows of one line at different columns are two retries.
	want := []string{"db/c.go:7 P1", "svc/a.go:12 P1", "svc/a.go:12 P1", "svc/a.go:30 P3", "svc/a.go:50 P2", "svc/b.go:40 P2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
	for _, r := range inv.Retries {
		if r.Logs == nil || r.Metrics == nil {
			t.Errorf("%s: nil logs or metrics would be null in JSON", r.Place())
		}
	}
}

func TestPolicies(t *testing.T) {
	inv := New(sample())
	want := []PolicyGroup{
		// three uses; then fiveSlow and budget: two uses before one.
		{ID: "P1", Policy: threeFast, Uses: 3, Fixable: 3, Places: []string{"db/c.go:7", "svc/a.go:12", "svc/a.go:12"}},
		{ID: "P2", Policy: fiveSlow, Uses: 2, Fixable: 1, Places: []string{"svc/a.go:50", "svc/b.go:40"}},
		{ID: "P3", Policy: budget, Uses: 1, Fixable: 0, Places: []string{"svc/a.go:30"}},
	}
	if !reflect.DeepEqual(inv.Policies, want) {
		t.Errorf("policies:\n got %+v\nwant %+v", inv.Policies, want)
	}
}

// TestPolicyTies checks that policies used as often keep the order of their
// first retry.
func TestPolicyTies(t *testing.T) {
	inv := New([]Row{
		{File: "b.go", Line: 1, Facts: Facts{Policy: fiveSlow}},
		{File: "a.go", Line: 1, Facts: Facts{Policy: budget}},
		{File: "c.go", Line: 1, Facts: Facts{Policy: threeFast}},
	})
	var got []string
	for _, g := range inv.Policies {
		got = append(got, g.ID+" "+g.Bound)
	}
	want := []string{"P1 for up to 2s", "P2 5 attempts", "P3 3 attempts"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("policies %q, want %q", got, want)
	}
}

// TestPolicyFacts checks that each of the five facts of a policy tells two
// policies apart, and that nothing else does.
func TestPolicyFacts(t *testing.T) {
	base := Row{File: "a.go", Line: 1, Facts: Facts{Policy: fiveSlow, Function: "f", Kind: "counted-loop", Ctx: "watches ctx"}}
	same := base
	same.Line, same.Function, same.Kind, same.Ctx, same.WatchesCtx, same.Fixable = 2, "g", "retry-func", "no context", true, true
	same.Logs = []string{"log.Print"}
	if n := len(New([]Row{base, same}).Policies); n != 1 {
		t.Errorf("rows that differ outside the policy have %d policies, want 1", n)
	}
	for name, change := range map[string]func(*Policy){
		"bound":     func(p *Policy) { p.Bound = "6 attempts" },
		"schedule":  func(p *Policy) { p.Schedule = "exponential backoff from 2s" },
		"cap":       func(p *Policy) { p.Cap = "" },
		"jitter":    func(p *Policy) { p.Jitter = "custom" },
		"retriesOn": func(p *Policy) { p.RetriesOn = "any error" },
	} {
		other := base
		other.Line = 2
		change(&other.Policy)
		if n := len(New([]Row{base, other}).Policies); n != 2 {
			t.Errorf("rows whose %s differs have %d policies, want 2", name, n)
		}
	}
}

func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		rows []Row
		want string
	}{
		{nil, "no hand-rolled retries"},
		{sample()[:1], "1 hand-rolled retry, 1 policy, 1 fixable"},
		{sample()[3:4], "1 hand-rolled retry, 1 policy, 0 fixable"},
		{sample()[:3], "2 hand-rolled retries, 2 different policies, 2 fixable"},
		{[]Row{sample()[1], sample()[4]}, "2 hand-rolled retries, 1 policy, 2 fixable"},
		{sample(), "6 hand-rolled retries, 3 different policies, 4 fixable"},
	} {
		if got := New(tc.rows).Summary(); got != tc.want {
			t.Errorf("Summary of %d rows = %q, want %q", len(tc.rows), got, tc.want)
		}
	}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	if err := New(sample()).WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := `LOCATION     FUNCTION         KIND           BOUND         SCHEDULE                     CAP  JITTER  RETRIES ON           CTX  LOGS        METRICS      POLICY  FIX
db/c.go:7    literal in open  while-counter  3 attempts    constant delay of 100ms      -    -       any error            -    -           retries.Inc  P1      yes
svc/a.go:12  load             counted-loop   3 attempts    constant delay of 100ms      -    -       any error            -    -           -            P1      yes
svc/a.go:12  load             counted-loop   3 attempts    constant delay of 100ms      -    -       any error            -    -           -            P1      yes
svc/a.go:30  save             time-budget    for up to 2s  computed delay               -    custom  all but ErrNotFound  -    -           -            P3      no: the time budget is not understood
svc/a.go:50  store            counted-loop   5 attempts    exponential backoff from 1s  30s  -       isTimeout(err)       -    -           -            P2      no
svc/b.go:40  (*Client).Get    counted-loop   5 attempts    exponential backoff from 1s  30s  -       isTimeout(err)       -    log.Printf  -            P2      yes

POLICY  USES  FIXABLE  BOUND         SCHEDULE                     CAP  JITTER  RETRIES ON
P1      3     3        3 attempts    constant delay of 100ms      -    -       any error
P2      2     1        5 attempts    exponential backoff from 1s  30s  -       isTimeout(err)
P3      1     0        for up to 2s  computed delay               -    custom  all but ErrNotFound

6 hand-rolled retries, 3 different policies, 4 fixable
`
	if got := b.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteTableEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := New(nil).WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "no hand-rolled retries\n" {
		t.Errorf("empty table = %q", got)
	}
}

func TestWriteMarkdown(t *testing.T) {
	rows := []Row{
		{File: "a_test.go", Line: 3, Column: 2, Facts: Facts{Function: "(*c).get", Kind: "counted-loop", Fixable: true,
			Policy: Policy{Bound: "c.max_retries attempts", Schedule: "constant delay of 1s", RetriesOn: "give up when err == a || err == b"}}},
	}
	var b bytes.Buffer
	if err := New(rows).WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	want := `### Hand-rolled retries

| Location | Function | Kind | Bound | Schedule | Cap | Jitter | Retries on | Ctx | Logs | Metrics | Policy | Fix |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| a\_test.go:3 | (\*c).get | counted-loop | c.max\_retries attempts | constant delay of 1s | - | - | give up when err == a \|\| err == b | - | - | - | P1 | yes |

### Policies

| Policy | Uses | Fixable | Bound | Schedule | Cap | Jitter | Retries on |
| --- | --- | --- | --- | --- | --- | --- | --- |
| P1 | 1 | 1 | c.max\_retries attempts | constant delay of 1s | - | - | give up when err == a \|\| err == b |

**1 hand-rolled retry, 1 policy, 1 fixable**
`
	if got := b.String(); got != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := New(sample()).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int
		Summary struct {
			Retries, Policies, Fixable int
			Text                       string
		}
		Retries  []map[string]any
		Policies []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if doc.Version != SchemaVersion || doc.Summary.Retries != 6 || doc.Summary.Policies != 3 || doc.Summary.Fixable != 4 ||
		doc.Summary.Text != "6 hand-rolled retries, 3 different policies, 4 fixable" {
		t.Errorf("version and summary: %+v", doc)
	}
	// The keys of docs/inventory.md, no more and no fewer; attempts and
	// noFix only when there is one.
	rowKeys := "bound cap column ctx file fixable function jitter kind line logs metrics package policy retriesOn schedule watchesCtx"
	for i, r := range doc.Retries {
		if got := keys(r, "attempts", "noFix"); got != rowKeys {
			t.Errorf("retries[%d] keys: %s\nwant %s", i, got, rowKeys)
		}
	}
	if doc.Retries[3]["noFix"] != "the time budget is not understood" || doc.Retries[0]["file"] != "db/c.go" {
		t.Errorf("rows: %v", doc.Retries)
	}
	policyKeys := "bound cap fixable id jitter places retriesOn schedule uses"
	for i, p := range doc.Policies {
		if got := keys(p); got != policyKeys {
			t.Errorf("policies[%d] keys: %s\nwant %s", i, got, policyKeys)
		}
	}
	if !strings.Contains(b.String(), `"retriesOn": "isTimeout(err)"`) {
		t.Errorf("JSON is not indented as documented:\n%s", b.String())
	}
}

func TestWriteJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := New(nil).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"retries": []`, `"policies": []`, `"text": "no hand-rolled retries"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("empty inventory lacks %s:\n%s", want, b.String())
		}
	}
}

// keys lists the keys of m, sorted, leaving out the optional ones.
func keys(m map[string]any, optional ...string) string {
	var out []string
	for k := range m {
		if !slices.Contains(optional, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}
