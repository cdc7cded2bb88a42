module github.com/retrylint/retrylint/examples

go 1.26.0

require github.com/retrylint/retrylint v0.0.0

replace github.com/retrylint/retrylint => ../
