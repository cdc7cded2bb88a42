module example.com/e2e

go 1.26

require github.com/retrylint/retrylint v0.0.0

replace github.com/retrylint/retrylint => ../../..
