// Package delaylogged logs the delay it is about to wait: the delay is
// computed once, logged, then slept.
package delaylogged

import (
	"errors"
	"time"
)

// ErrClosed says the connection to the agent was closed under the call.
var ErrClosed = errors.New("connection closed")

// Stop stops a task, up to three times while the agent's connection closes
// under it, waiting 200ms, then 800ms; it logs each wait before it starts.
func Stop(stop func(id string) error, logf func(string, ...any), id string) error {
	const tries = 3
	var err error
	for n := 1; n <= tries; n++ { // want `hand-rolled retry loop`
		err = stop(id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, ErrClosed) {
			return err
		}
		if n < tries {
			wait := time.Duration(200*n*n) * time.Millisecond
			logf("stopping %s: %v, again in %s", id, err, wait)
			time.Sleep(wait)
		}
	}
	return err
}

// Peers asks a server for its peers up to five times, waiting 1s, 2s, 4s,
// ... after each failure, the last one included, and logging the wait.
func Peers(ask func(addr string, out *[]string) error, logf func(string, ...any), addr string) []string {
	var peers []string
	for attempt := range uint(5) { // want `hand-rolled retry loop`
		if err := ask(addr, &peers); err != nil {
			next := (1 << attempt) * time.Second
			logf("asking %s: %v (next in %s)", addr, err, next)
			time.Sleep(next)
		} else {
			break
		}
	}
	return peers
}
