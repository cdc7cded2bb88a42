// Package ownhelper has a retry helper of its own that the rest of the
// package delegates to: the helper is the package's retry library, and its
// callers, not its loop, are what a migration changes.
package ownhelper

import (
	"os"
	"time"
)

// checkFor calls f until it returns nil or total has passed, pause apart:
// the package's eventually-style helper.
func checkFor(total, pause time.Duration, f func() error) error {
	deadline := time.Now().Add(total)
	var err error
	for time.Now().Before(deadline) {
		if err = f(); err == nil {
			return nil
		}
		time.Sleep(pause)
	}
	return err
}

// try calls f up to n times, a second apart.
func try(n int, f func() error) error {
	var err error
	for i := 0; i < n; i++ {
		if err = f(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

func removeLock(name string) error {
	return try(3, func() error { return os.Remove(name) })
}

func writeMarker(name string) error {
	return try(5, func() error { return os.WriteFile(name, nil, 0o644) })
}

func waitForFile(name string) error {
	return checkFor(time.Second, 10*time.Millisecond, func() error {
		_, err := os.Stat(name)
		return err
	})
}

func waitForDir(name string) error {
	return checkFor(time.Second, 10*time.Millisecond, func() error {
		_, err := os.ReadDir(name)
		return err
	})
}

// tb is the part of testing.TB the helper uses.
type tb interface {
	Helper()
	Fatal(args ...any)
}

// eventually is checkFor for tests: it fails the test when f never held.
// (Its Helper is not testing's, so only the report after the loop is new.)
func eventually(t tb, total time.Duration, f func() error) {
	deadline := time.Now().Add(total)
	var err error
	for time.Now().Before(deadline) {
		if err = f(); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func checkA(t tb) { eventually(t, time.Second, func() error { return nil }) }
func checkB(t tb) { eventually(t, time.Second, func() error { return nil }) }
