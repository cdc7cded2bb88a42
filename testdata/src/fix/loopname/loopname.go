// Package loopname names its counter retry: the fix deletes the counter
// with the loop, so the import takes its plain name; a local named retry
// in another function does not stand in its way either.
package loopname

import "time"

// Resize asks for the new size up to ten times, 10ms apart.
func Resize(resize func() error) error {
	var err error
	for retry := 0; retry < 10; retry++ { // want `^hand-rolled retry loop \(10 attempts, constant delay of 10ms\)`
		if err = resize(); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}

// Count has a local of the same name, in a scope of its own.
func Count(items []string) int {
	retry := 0
	for _, it := range items {
		if it == "" {
			retry++
		}
	}
	return retry
}
