package driver

import (
	"encoding/gob"
	"encoding/json"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// vetUnit is what the driver reads of the go command's description of one
// package for a vet tool (unitchecker.Config, a JSON .cfg file).
type vetUnit struct {
	ImportPath    string
	ModulePath    string // "" for the standard library (and in GOPATH mode)
	ModuleVersion string // "" for a main module
	VetxOnly      bool   // only the facts (and types) are asked for
}

// outsideMainModules reports whether the unit's package is in the standard
// library or in a module that is not a main module.
func (u vetUnit) outsideMainModules() bool {
	if u.ModuleVersion != "" {
		return true
	}
	first, _, _ := strings.Cut(u.ImportPath, "/")
	return u.ModulePath == "" && !strings.Contains(first, ".") // the go command's test of a standard path
}

// vetAnalyzer returns the analyzer to run on the unit that the vet tool
// command line args describe. The go command runs the tool on every
// dependency of the packages named, the standard library included, for
// the facts of an analyzer that has facts (VetxOnly). As Run does
// (scope.go), the driver keeps facts to the packages' own modules: a unit
// does not know which packages were named, so these are the main modules
// (in a go.work, all of its modules). For a package outside them it returns
// a copy of a without facts, which unitchecker does not run in that mode:
// it only type-checks the package, for its importers. The fact types stay
// registered with gob, for the facts of the package's imports that
// unitchecker passes on.
func vetAnalyzer(a *analysis.Analyzer, args []string) *analysis.Analyzer {
	if len(a.FactTypes) == 0 || len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return a
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return a // unitchecker says what is wrong
	}
	var u vetUnit
	if err := json.Unmarshal(data, &u); err != nil || !u.VetxOnly || !u.outsideMainModules() {
		return a
	}
	for _, f := range a.FactTypes {
		gob.Register(f)
	}
	c := *a
	c.FactTypes = nil
	c.Requires = nil
	return &c
}
