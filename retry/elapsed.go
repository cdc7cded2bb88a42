package retry

import "time"

// MaxElapsed is a time budget measured from the moment Do begins: no call starts at or after
// d. A wait that would end at or after that point is not started, and Do returns the last error
// unchanged. This is exactly what `for time.Since(start) < d { ... }` does, minus the last
// pointless wait, except that Do always makes its first call: a budget of 0 or less allows
// that one call and no retry. With no MaxElapsed (the default) there is no time budget.
func MaxElapsed(d time.Duration) Option {
	return Option{x: startMaxElapsed, d1: d}
}

// GiveUpAfter makes Do give up, after a failed call, once more than d has passed since it
// began; otherwise it waits and calls again, even if that call starts past d. This is exactly
// a loop that tests its budget after a failure, before its wait:
//
//	for {
//		if err = op(); err == nil {
//			return nil
//		}
//		if time.Since(start) > d {
//			return err
//		}
//		time.Sleep(delay)
//	}
//
// MaxElapsed, which lets no call start past d, is what a loop that tests its budget before
// each call does. With d of 0 or less Do gives up after its first failed call.
func GiveUpAfter(d time.Duration) Option {
	return Option{x: startGiveUpAfter, d1: d}
}

// GiveUpAt is GiveUpAfter with the budget's end included: Do gives up, after a failed call,
// once d has passed since it began or exactly d has. This is exactly a loop that tests
// `if time.Since(start) >= d { return err }` after a failure, before its wait, or that goes
// on `for time.Now().Before(deadline)` with its wait before that test. GiveUpAt and
// GiveUpAfter set the same budget, so the last of them wins. With d of 0 or less Do gives up
// after its first failed call.
func GiveUpAt(d time.Duration) Option {
	return Option{x: startGiveUpAt, d1: d}
}
