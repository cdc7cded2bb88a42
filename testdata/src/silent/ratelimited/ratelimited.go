// Package ratelimited sends every message once, spaced out.
package ratelimited

import (
	"errors"
	"time"
)

type Chat interface{ Post(msg string) error }

func postAll(c Chat, msgs []string) error {
	var errs []error
	for _, m := range msgs {
		if err := c.Post(m); err != nil {
			errs = append(errs, err)
		}
		time.Sleep(time.Second)
	}
	return errors.Join(errs...)
}
