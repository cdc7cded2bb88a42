package driver

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/inventory"
)

// formatInventory is the output format of a run with -inventory: the
// inventory on stdout instead of the findings on stderr.
const formatInventory = "inventory"

// The formats of -inventory.
const (
	inventoryTable    = "table"
	inventoryMarkdown = "md"
	inventoryJSON     = "json"
)

// inventoryFlag is the value of -inventory: the format of the inventory to
// print, "" for none. It is a boolean flag too, so that a bare -inventory
// means the table (and, as for every boolean flag, the format must be
// joined to the flag: -inventory=json).
type inventoryFlag struct{ format *string }

func (f inventoryFlag) String() string {
	if f.format == nil {
		return ""
	}
	return *f.format
}

// Set records the value; checkInventory tells a bad one, so that the error
// names the formats instead of the flag package's "invalid boolean value".
func (f inventoryFlag) Set(v string) error {
	switch v {
	case "true":
		v = inventoryTable
	case "false":
		v = ""
	case "markdown":
		v = inventoryMarkdown
	}
	*f.format = v
	return nil
}

// IsBoolFlag lets the flag package accept -inventory without a value.
func (f inventoryFlag) IsBoolFlag() bool { return true }

// inventoryType is the result type of an analyzer that describes its
// findings for the inventory.
var inventoryType = reflect.TypeFor[[]inventory.Row]()

// checkInventory reports whether -inventory can be honoured with the rest of
// the command line.
func (o *options) checkInventory(a *analysis.Analyzer) error {
	switch o.inventory {
	case "":
		return nil
	case inventoryTable, inventoryMarkdown, inventoryJSON:
	default:
		return fmt.Errorf("unknown -inventory format %q (want table, md or json)", o.inventory)
	}
	switch {
	case a.ResultType != inventoryType:
		return fmt.Errorf("-inventory: %s does not describe its findings for an inventory", a.Name)
	case o.fix || o.diff:
		return errors.New("-inventory lists findings and cannot be combined with -fix or -diff")
	case o.format != "text":
		return fmt.Errorf("-inventory is printed on stdout and cannot be combined with -format=%s (use -sarif=file)", o.format)
	}
	o.format = formatInventory
	return nil
}

// inventoryOf gathers the rows of the root packages into the inventory, with
// paths relative to the working directory, and tells each finding its row
// (for the SARIF properties). Packages that failed have no rows; a file seen
// in a package and in its test variant gives its rows once (inventory.New).
func (r *runner) inventoryOf(res *analysisResult) (*inventory.Inventory, map[*Finding]*inventory.Row) {
	var rows []inventory.Row
	for _, act := range res.graph.Roots {
		if act.Err == nil && act.Analyzer.ResultType == inventoryType {
			rows = append(rows, act.Result.([]inventory.Row)...)
		}
	}
	for i := range rows {
		rows[i].File = filepath.ToSlash(r.rel(rows[i].File))
	}
	inv := inventory.New(rows)
	type place struct {
		file      string
		line, col int
	}
	byPlace := make(map[place]*inventory.Row)
	for i := range inv.Retries {
		row := &inv.Retries[i]
		byPlace[place{row.File, row.Line, row.Column}] = row
	}
	rowOf := make(map[*Finding]*inventory.Row)
	for _, f := range res.findings {
		if row := byPlace[place{filepath.ToSlash(r.rel(f.Posn.Filename)), f.Posn.Line, f.Posn.Column}]; row != nil {
			rowOf[f] = row
		}
	}
	return inv, rowOf
}

// writeInventory prints the inventory on stdout in the format -inventory
// asks for.
func (r *runner) writeInventory() error {
	switch r.opts.inventory {
	case inventoryMarkdown:
		return r.inventory.WriteMarkdown(r.stdout)
	case inventoryJSON:
		return r.inventory.WriteJSON(r.stdout)
	}
	return r.inventory.WriteTable(r.stdout)
}
