module github.com/retrylint/retrylint/examples

go 1.26.0

require github.com/retrylint/retrylint/retry v0.0.0

require (
	github.com/retrylint/retrylint v0.0.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

// The command (go tool retrylint) and the retry package of this checkout.
replace (
	github.com/retrylint/retrylint => ../
	github.com/retrylint/retrylint/retry => ../retry
)

tool github.com/retrylint/retrylint/cmd/retrylint
