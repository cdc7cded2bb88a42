// Package analyzer defines an Analyzer that reports hand-rolled retry logic.
//
// # Analyzer retrylint
//
// retrylint: find hand-rolled retry loops that the retry package replaces
//
// (The manual is being written; see docs/.)
package analyzer

const doc = `find hand-rolled retry loops that the retry package replaces`
