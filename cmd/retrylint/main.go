// Command retrylint reports hand-rolled retry loops and, with -fix, rewrites
// them into calls of the retry package.
//
// Usage:
//
//	retrylint [flags] packages...
//
// retrylint ./... reports; retrylint -fix ./... migrates; retrylint -diff ./...
// shows what -fix would do. Exit codes: 0 no findings, 3 findings (or, with
// -fail-on-change, changes), 1 errors, 2 bad command line. It also runs as
// go vet -vettool=$(which retrylint) and go fix -fixtool=$(which retrylint).
// docs/cli.md is the manual.
package main

import (
	"github.com/retrylint/retrylint/analyzer"
	"github.com/retrylint/retrylint/internal/driver"
)

func main() {
	// Fixes make files import the retry package; -fix adds its module to go.mod files that
	// lack it. The facts (wait helpers) all stem from package time.
	driver.Main(analyzer.Analyzer,
		driver.Requirement{Path: analyzer.RetryModule, Version: analyzer.RetryModuleVersion},
		driver.FactsStemFrom(analyzer.FactStems...))
}
