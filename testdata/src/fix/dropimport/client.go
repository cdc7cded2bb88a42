// Package dropimport has two loops in one file whose waits were the file's
// only use of package time: fixed together, they leave time unused, and the
// fixes remove its import.
package dropimport

import "time"

// Client talks to a service that is slow to start.
type Client struct {
	pause    time.Duration
	attempts int
}
