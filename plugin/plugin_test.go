package plugin

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
)

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin(Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatalf("no settings: %v", err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 || as[0].Name != "retrylint" {
		t.Fatalf("BuildAnalyzers() = %v, %v; want the retrylint analyzer", as, err)
	}
}

// TestEveryFlagIsASetting sets each flag of the analyzer through the
// settings and reads it back from the built analyzer.
func TestEveryFlagIsASetting(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := p.BuildAnalyzers()
	names := flagNames(&a[0].Flags)
	if len(names) == 0 {
		t.Fatal("the analyzer has no flags to expose")
	}
	for _, name := range names {
		f := a[0].Flags.Lookup(name)
		var value any
		var want string
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			value, want = f.DefValue != "true", map[bool]string{true: "true", false: "false"}[f.DefValue != "true"]
		} else {
			value, want = "x"+name, "x"+name
		}
		p, err := New(map[string]any{name: value})
		if err != nil {
			t.Errorf("setting %s=%v: %v", name, value, err)
			continue
		}
		built, _ := p.BuildAnalyzers()
		if got := built[0].Flags.Lookup(name).Value.String(); got != want {
			t.Errorf("after setting %s=%v the flag is %q, want %q", name, value, got, want)
		}
		// Each plugin has its own analyzer: the first one is untouched.
		if got := f.Value.String(); got != f.DefValue {
			t.Errorf("setting %s changed another analyzer's flag to %q", name, got)
		}
	}
}

func TestBadSettings(t *testing.T) {
	tests := []struct {
		name     string
		settings any
		want     string
	}{
		{"unknown key", map[string]any{"scopectx": true, "scope-ctx": true}, `unknown key "scope-ctx" (known: funcpattern, retrypkg, scopectx)`},
		{"wrong type", map[string]any{"scopectx": []any{"yes"}}, "scopectx: want a string, number or boolean"},
		{"bad bool", map[string]any{"scopectx": "maybe"}, "scopectx: parse error"},
		{"bad pattern", map[string]any{"funcpattern": "("}, "funcpattern: error parsing regexp"},
		{"not a map", []any{"scopectx"}, "decoding settings"},
		{"null value", map[string]any{"retrypkg": nil}, "retrypkg: no value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.settings)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New(%v) error = %v, want one containing %q", tt.settings, err, tt.want)
			}
		})
	}
}
