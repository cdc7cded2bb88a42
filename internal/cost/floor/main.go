// Command floor is the baseline of the cost benchmark: the retrylint driver
// running an analyzer that does nothing and uses no facts. What it costs is
// what loading and type-checking cost, which retrylint is measured against.
//
//	floor ./...                                 # as retrylint ./... is run
//	go vet -vettool=$(which floor) ./...        # as go vet -vettool=retrylint is
package main

import (
	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/driver"
)

// Analyzer does nothing: it needs no other analyzer's result, exports no
// facts and reports nothing, so a driver only loads and type-checks.
var Analyzer = &analysis.Analyzer{
	Name: "floor",
	Doc:  "floor does nothing, to measure what loading and type-checking cost",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	driver.Main(Analyzer)
}
