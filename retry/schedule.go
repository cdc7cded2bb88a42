package retry

import (
	"math"
	"time"
)

// scheduleKind names the delay schedule of a policy. The schedule gives the wait after failed
// call n (1-based) before jitter, server-directed delays and the cap are applied.
type scheduleKind uint8

const (
	schedExponential scheduleKind = iota // the default
	schedConstant
	schedLinear
	schedFunc
)

// maxDuration is the largest time.Duration; schedules saturate there instead of overflowing.
const maxDuration = time.Duration(math.MaxInt64)

// scheduled returns the schedule's delay after failed call n, never negative.
func (c *config) scheduled(n int, err error) time.Duration {
	var d time.Duration
	switch c.sched {
	case schedConstant:
		d = c.initial
	case schedLinear:
		d = linearDelay(c.initial, c.step, n)
	case schedExponential:
		d = exponentialDelay(c.initial, c.factor, n)
	case schedFunc:
		d = c.delayFn(n, err)
	}
	return max(d, 0)
}

// wait returns the wait after failed call n: the schedule's delay with jitter, raised to a
// server-directed delay carried by err, then capped. prev is the previous wait (0 before the
// first), which decorrelated jitter grows from.
func (c *config) wait(n int, err error, prev time.Duration) time.Duration {
	d := c.scheduled(n, err)
	if c.jitter != jitterNone {
		d = c.jittered(d, prev)
	}
	if s, ok := DelayOf(err); ok && s > d {
		d = s
	}
	if c.maxDelay > 0 && d > c.maxDelay {
		d = c.maxDelay
	}
	return d
}
