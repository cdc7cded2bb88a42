package shape

import (
	"go/ast"
	"go/types"
	"reflect"
	"testing"
)

// TestSameEntry checks what tells two states entering an iteration apart:
// the values and the assumptions, but not the attempt an assumption was
// made in, which the machine never reads.
func TestSameEntry(t *testing.T) {
	i, j := types.NewVar(0, nil, "i", types.Typ[types.Int]), types.NewVar(0, nil, "j", types.Typ[types.Int])
	x, y := ast.NewIdent("x"), ast.NewIdent("y")
	entry := func(iv int64, a atomVal) *state {
		return &state{env: map[key]value{{v: i}: intVal(iv), {v: j}: intVal(1)}, assume: map[string]atomVal{"x": a}, outcome: failed}
	}
	base := entry(1, atomVal{val: true, kind: errAtom, expr: x, op: 1})
	for _, tc := range []struct {
		name string
		s    *state
		want bool
	}{
		{"a later attempt", entry(1, atomVal{val: true, kind: errAtom, expr: x, op: 2}), true},
		{"another value", entry(2, atomVal{val: true, kind: errAtom, expr: x, op: 1}), false},
		{"the atom false", entry(1, atomVal{val: false, kind: errAtom, expr: x, op: 1}), false},
		{"another kind", entry(1, atomVal{val: true, kind: ctxAtom, expr: x, op: 1}), false},
		{"another expression", entry(1, atomVal{val: true, kind: errAtom, expr: y, op: 1}), false},
		{"another outcome", func() *state { s := entry(1, base.assume["x"]); s.outcome = noOutcome; return s }(), false},
		{"events of its own", func() *state { s := entry(1, base.assume["x"]); s.events = []*event{{kind: stmtEvent}}; return s }(), false},
	} {
		if got := sameEntry(base, tc.s); got != tc.want {
			t.Errorf("%s: sameEntry = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSameEntryKnowsEveryField fails when the machine's state gains a
// field: sameEntry must then compare it, unless the machine never reads it
// to decide what a path does.
func TestSameEntryKnowsEveryField(t *testing.T) {
	known := map[string]string{
		"env": "compared", "assume": "compared", "outcome": "compared", "later": "compared", "lastCond": "compared",
		"events":    "empty when an iteration is entered",
		"ops":       "only counted",
		"envShared": "copy on write only", "assumeShared": "copy on write only",
	}
	st := reflect.TypeOf(state{})
	for i := range st.NumField() {
		if name := st.Field(i).Name; known[name] == "" {
			t.Errorf("state.%s is new: does sameEntry compare it?", name)
		}
	}
}
