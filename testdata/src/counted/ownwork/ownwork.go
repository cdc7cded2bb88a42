// Package ownwork retries a function it is given, in a function that also
// does work of its own and that the package calls twice: it is no mere retry
// helper, and its loop is reported.
package ownwork

import (
	"sync"
	"time"
)

type session struct{ id int }

var pool = sync.Pool{New: func() any { return &session{} }}

// inTxn runs f in a session from the pool, up to 5 times, 10ms apart.
func inTxn(f func(*session) error) error {
	s := pool.Get().(*session)
	defer pool.Put(s)
	var err error
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, constant delay of 10ms\)`
		if err = f(s); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}

func create(name string) error {
	return inTxn(func(s *session) error { return nil })
}

func remove(name string) error {
	return inTxn(func(s *session) error { return nil })
}
