module github.com/retrylint/retrylint

go 1.26.0

require (
	github.com/dave/dst v0.28.0 // indirect
	github.com/golangci/plugin-module-register v0.1.2 // indirect
	github.com/rogpeppe/go-internal v1.16.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
