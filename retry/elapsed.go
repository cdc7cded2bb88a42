package retry

import "time"

// MaxElapsed is a time budget measured from the moment Do begins: no call starts at or after
// d. A wait that would end at or after that point is not started, and Do returns the last error
// unchanged. This is exactly what `for time.Since(start) < d { ... }` does, minus the last
// pointless wait. d <= 0 removes the budget (the default).
func MaxElapsed(d time.Duration) Option {
	return Option{x: startMaxElapsed, d1: max(d, 0)}
}
