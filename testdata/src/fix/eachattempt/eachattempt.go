// Package eachattempt holds retries whose every attempt does some work
// before its call, and one whose last failure ends the program.
package eachattempt

import (
	"fmt"
	"log"
)

// Request sends the request again before each wait for its reply: the send
// belongs to every attempt, the first included, so it stays in the closure
// before the call.
func Request(send func(), reply func() (string, error)) (string, error) {
	var msg string
	var err error
	for attempt := 1; attempt <= 3; attempt++ { // want `hand-rolled retry loop \(3 attempts, no delay\)`
		send()
		msg, err = reply()
		if err == nil {
			break
		}
	}
	return msg, err
}

// MustConnect ends the program when the last of its three tries fails; the
// earlier failures are retried at once.
func MustConnect(dial func() error) {
	for attempt := 1; attempt <= 3; attempt++ { // want `hand-rolled retry loop \(3 attempts, no delay\)`
		if err := dial(); err != nil {
			if attempt < 3 {
				continue
			}
			log.Fatalf("connect: %v", err)
		}
		break
	}
}

// MustOpen panics when the last of its two tries fails.
func MustOpen(open func() error) {
	for attempt := 0; attempt < 2; attempt++ { // want `hand-rolled retry loop \(2 attempts, no delay\)`
		err := open()
		if err == nil {
			return
		}
		if attempt == 1 {
			panic(fmt.Sprintf("open: %v", err))
		}
	}
}
