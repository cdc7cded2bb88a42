module github.com/retrylint/retrylint/bench

go 1.26.0

require github.com/retrylint/retrylint v0.0.0

require (
	github.com/avast/retry-go/v4 v4.7.0 // indirect
	github.com/avast/retry-go/v5 v5.1.1 // indirect
	github.com/cenkalti/backoff/v5 v5.0.3 // indirect
	github.com/failsafe-go/failsafe-go v0.9.8 // indirect
	github.com/sethvargo/go-retry v0.5.0 // indirect
)

replace github.com/retrylint/retrylint => ../
