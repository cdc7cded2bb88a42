module github.com/retrylint/retrylint/retry

go 1.25.0
