// Package nolint silences retrylint with golangci-lint's directive.
package nolint

import "time"

func op() error { return nil }

func above() error {
	var err error
	//nolint:retrylint // the vendor SDK retries already; this loop only covers its cold start
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

func sameLine() error {
	var err error
	for i := 0; i < 3; i++ { //nolint:errcheck,retrylint
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

func otherLinter() error {
	var err error
	//nolint:errcheck
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop`
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
