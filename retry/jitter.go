package retry

import (
	"math"
	"math/rand/v2"
	"time"
)

// jitterKind names the randomisation applied to the schedule's delay. There is none by default.
type jitterKind uint8

const (
	jitterNone jitterKind = iota
	jitterFull
	jitterEqual
	jitterDecorrelated
	jitterFraction
)

// FullJitter replaces the schedule's delay d by a random wait in [0, d): d*r with r from the
// random source. It spreads retries of many clients the most, at the price of sometimes
// retrying at once.
func FullJitter() Option { return Option{x: optFullJitter} }

// EqualJitter replaces the schedule's delay d by a random wait in [d/2, d): d/2 + (d/2)*r.
func EqualJitter() Option { return Option{x: optEqualJitter} }

// DecorrelatedJitter grows each wait from the previous one: after failed call n the wait is
// d + r*(3*prev - d), where d is the schedule's delay for n and prev the previous wait (d
// itself for the first wait); when 3*prev <= d the wait is d. With Constant(base) and
// MaxDelay(limit) this is the well-known min(limit, random_between(base, 3*prev)) formula.
func DecorrelatedJitter() Option { return Option{x: optDecorrelatedJitter} }

// JitterFraction spreads the schedule's delay d by ±f: d*(1 + f*(2r-1)), a wait in
// [d*(1-f), d*(1+f)). JitterFraction(0) means no jitter.
//
// JitterFraction panics if f is not in [0, 1].
func JitterFraction(f float64) Option {
	if !(f >= 0 && f <= 1) {
		panic("retry: jitter fraction must be in [0, 1]")
	}
	if f == 0 {
		return NoJitter()
	}
	return Option{x: optJitterFraction, d1: floatBits(f)}
}

// NoJitter removes jitter set by an earlier option or a policy given to From.
func NoJitter() Option { return Option{x: optNoJitter} }

// RandSource sets the source of random numbers for jitter: f must return values in [0, 1)
// (values outside are clamped into it). A Policy shared by goroutines calls f concurrently.
// nil restores the default, math/rand/v2's Float64. Tests inject a fixed sequence to make
// jittered waits exact.
func RandSource(f func() float64) Option { return Option{x: f} }

// random returns the next random number in [0, 1).
func (c *config) random() float64 {
	if c.rand == nil {
		return rand.Float64()
	}
	r := c.rand()
	switch {
	case r >= 1:
		return math.Nextafter(1, 0)
	case r > 0:
		return r
	}
	return 0 // also NaN
}

// jittered applies the policy's jitter to the schedule's delay d; prev is the previous wait.
func (c *config) jittered(d, prev time.Duration) time.Duration {
	switch c.jitter {
	case jitterFull:
		return scale(d, c.random())
	case jitterEqual:
		half := d / 2
		return d - half + scale(half, c.random())
	case jitterDecorrelated:
		if prev <= 0 {
			prev = d
		}
		hi := 3 * float64(prev)
		if hi <= float64(d) {
			return d
		}
		return fromFloat(float64(d) + c.random()*(hi-float64(d)))
	case jitterFraction:
		return fromFloat(float64(d) * (1 + c.jitterFrac*(2*c.random()-1)))
	}
	return d
}

// scale returns d*r for r in [0, 1), in float64 math.
func scale(d time.Duration, r float64) time.Duration { return fromFloat(float64(d) * r) }

// fromFloat converts nanoseconds to a Duration, saturating at maxDuration and never negative.
func fromFloat(v float64) time.Duration {
	switch {
	case v >= float64(maxDuration):
		return maxDuration
	case v > 0:
		return time.Duration(v)
	}
	return 0
}
