// Package ownpkg is checked with -retrypkg=example.com/platform/backoffx.
package ownpkg

import "time"

func op() error { return nil }

func run() error {
	var err error
	for i := 0; i < 2; i++ { // want `^hand-rolled retry loop \(2 attempts, constant delay of 1s\) can be replaced by backoffx\.Do`
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
