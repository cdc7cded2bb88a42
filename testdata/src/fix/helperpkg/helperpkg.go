// Package helperpkg waits through a helper of another package, which the
// file imports for nothing else: once the wait goes, so does the import.
package helperpkg

import (
	"time"

	"waitutil"
)

// Emit sends ev up to three times, 5ms apart.
func Emit(emit func(ev string) error, ev string) error {
	var err error
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		if err = emit(ev); err == nil {
			return nil
		}
		waitutil.Nap(5 * time.Millisecond)
	}
	return err
}
