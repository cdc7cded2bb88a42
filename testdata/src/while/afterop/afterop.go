// Package afterop checks the count after the failure with > and breaks out.
package afterop

import (
	"errors"
	"log"
	"time"
)

var errUnavailable = errors.New("unavailable")

func call() error { return errUnavailable }

func run(limit int) error {
	retry := 0
	var err error
	for { // want `^hand-rolled retry loop \(limit\+1 attempts, constant delay of 2s\)`
		err = call()
		if err == nil {
			break
		}
		if retry > limit-1 {
			break
		}
		retry++
		log.Printf("retrying in 2s (%d/%d)", retry, limit)
		time.Sleep(2 * time.Second)
	}
	return err
}
