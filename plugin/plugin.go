// Package plugin is the golangci-lint v2 module plugin of retrylint.
//
// A custom golangci-lint built with it (golangci-lint custom, with
// .custom-gcl.yml naming this module and package) runs the retrylint
// analyzer as the linter "retrylint". Its settings are the analyzer's
// flags, by the same names, and unknown settings are errors:
//
//	linters:
//	  settings:
//	    custom:
//	      retrylint:
//	        type: module
//	        settings:
//	          scopectx: true
//	          retrypkg: example.com/platform/retry
//
// docs/golangci-lint.md is the manual.
package plugin

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/analyzer"
)

// Name is the linter's name in golangci-lint's configuration.
const Name = "retrylint"

func init() {
	register.Plugin(Name, New)
}

// Plugin is the retrylint linter of a custom golangci-lint.
type Plugin struct {
	analyzer *analysis.Analyzer
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New builds the plugin from the settings golangci-lint decoded from its
// configuration: a map from flag names of the analyzer to values. A key
// that names no flag, or a value the flag rejects, is an error, so a typo in
// .golangci.yml fails the run instead of being ignored.
func New(settings any) (register.LinterPlugin, error) {
	raw, err := register.DecodeSettings[map[string]any](settings)
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	a := analyzer.New(analyzer.Config{})
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		f := a.Flags.Lookup(key)
		if f == nil {
			return nil, fmt.Errorf("%s settings: unknown key %q (known: %s)", Name, key, strings.Join(flagNames(&a.Flags), ", "))
		}
		v, err := flagValue(raw[key])
		if err != nil {
			return nil, fmt.Errorf("%s settings: %s: %w", Name, key, err)
		}
		if err := a.Flags.Set(key, v); err != nil {
			return nil, fmt.Errorf("%s settings: %s: %w", Name, key, err)
		}
	}
	return &Plugin{analyzer: a}, nil
}

// BuildAnalyzers returns the configured analyzer.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: the analyzer needs types to tell a
// retry loop from a lookalike.
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// flagValue turns a setting's value, as YAML gave it, into the text a flag
// parses. Only scalars make sense for flags.
func flagValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64: // JSON numbers
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case nil:
		return "", fmt.Errorf("no value")
	}
	return "", fmt.Errorf("want a string, number or boolean, not %T", v)
}

func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}
