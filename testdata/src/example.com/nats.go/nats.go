// Package nats stands in for a client whose import path (example.com/nats.go)
// does not end with its package name.
package nats

// Conn is a connection.
type Conn struct{}

// Connect connects to url.
func Connect(url string) (*Conn, error) { return &Conn{}, nil }
