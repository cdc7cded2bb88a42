// Package giveupfatal retries until an error it cannot retry, which ends the
// test or the process on the spot, while running out of tries just goes on:
// after retry.Do, one test of the error leads to the same call.
package giveupfatal

import (
	"errors"
	"log"
	"testing"
	"time"
)

// ErrClosed says the store will not take writes again.
var ErrClosed = errors.New("store closed")

func transient(err error) bool { return !errors.Is(err, ErrClosed) }

// Seed writes the fixture row, up to tries times while the failure is
// transient; a closed store ends the test. When the tries run out the test
// goes on, and a later check reports the missing row.
func Seed(t testing.TB, put func(key string) error, key string, tries int) {
	for tries > 0 { // want `^hand-rolled retry loop \(tries attempts, no delay\) can be replaced by retry\.Do$`
		// one write per try
		err := func() error {
			t.Logf("seeding %s", key)
			if err := put(key); err != nil {
				t.Logf("seed %s: %v", key, err)
				return err
			}
			return nil
		}()
		if err != nil {
			tries--
			if transient(err) {
				continue
			}
			t.Fatal(err)
		}
		break
	}
}

// Open opens the journal up to three times, a second apart; a closed store
// ends the process.
func Open(open func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 1s\) can be replaced by retry\.Do$`
		if err = open(); err == nil {
			return nil
		}
		if errors.Is(err, ErrClosed) {
			log.Fatalf("journal: %v", err)
		}
		time.Sleep(time.Second)
	}
	return err
}

// Claim asks for the lease while the answer is transient, for as many tries
// as the caller allows; a closed store panics with its error.
func Claim(claim func() error, tries int) error {
	var err error
	for tries > 0 { // want `^hand-rolled retry loop \(tries attempts, constant delay of 100ms\) can be replaced by retry\.Do$`
		err = claim()
		if err == nil {
			return nil
		}
		if !transient(err) {
			panic(err)
		}
		tries--
		time.Sleep(100 * time.Millisecond)
	}
	return err
}
