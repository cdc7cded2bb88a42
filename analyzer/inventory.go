package analyzer

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/fixer"
	"github.com/retrylint/retrylint/internal/inventory"
	"github.com/retrylint/retrylint/internal/shape"
)

// resultType is the type of the analyzer's result: the inventory rows of
// the package's findings, which the command gathers for -inventory and
// SARIF properties.
var resultType = reflect.TypeFor[[]inventory.Row]()

// inventoryRows describes each reported retry as a row, where and how its
// diagnostic reports it.
func inventoryRows(pass *analysis.Pass, reported []*shape.Retry, fixes []fixer.Result) []inventory.Row {
	rows := make([]inventory.Row, len(reported))
	for i, r := range reported {
		rows[i] = inventory.Describe(pass, r, inventory.Finding{
			Pos:     position(r).Pos(),
			Kind:    category(r.Category),
			Fixable: fixes[i].Err == nil && fixes[i].Fix != nil,
			NoFix:   fixes[i].Reason(),
		})
	}
	return rows
}
