// Package examples is a small codebase of services that each grew their own
// hand-rolled retry loop, the way real services do: different attempt counts,
// different backoffs, different error handling. It is the codebase retrylint
// is shown on: `retrylint -diff ./...` here prints the findings and the
// rewrites into the retry package, and examples/migrated holds the result of
// `retrylint -fix`.
package examples
