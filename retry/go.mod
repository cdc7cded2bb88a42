module github.com/retrylint/retrylint/retry

go 1.26.0
