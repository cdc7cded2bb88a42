// Package codes is a stand-in for gRPC's status codes.
package codes

// Code is a gRPC status code.
type Code uint32

// The codes the fixtures use.
const (
	OK               Code = 0
	DeadlineExceeded Code = 4
	Unavailable      Code = 14
)
