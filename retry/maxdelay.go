package retry

import "time"

// MaxDelay caps every wait at d, whatever the schedule, jitter or server-directed delay say.
// d <= 0 removes the cap. The default policy caps at 30s; choosing a schedule without MaxDelay
// removes that default cap.
func MaxDelay(d time.Duration) Option {
	return Option{x: optMaxDelay, d1: max(d, 0)}
}
