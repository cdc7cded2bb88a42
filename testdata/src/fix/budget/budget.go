// Package budget retries for as long as a time budget allows, checked in the
// loop's header or in its body.
package budget

import (
	"fmt"
	"time"
)

// Dial tries to connect for up to two seconds, 300ms apart.
func Dial(dial func() error) error {
	start := time.Now()
	var err error
	for time.Since(start) < 2*time.Second { // want `hand-rolled retry loop`
		if err = dial(); err == nil {
			return nil
		}
		time.Sleep(300 * time.Millisecond)
	}
	return err
}

// Migrate applies migrations until they succeed or limit has passed since
// the first try, a second apart.
func Migrate(migrate func() error, limit time.Duration) error {
	start := time.Now()
	for { // want `hand-rolled retry loop`
		err := migrate()
		if err == nil {
			return nil
		}
		if time.Since(start) > limit {
			return fmt.Errorf("migrations did not apply within %v: %w", limit, err)
		}
		time.Sleep(time.Second)
	}
}
