package retry

import (
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"time"
)

// Budget limits the retries of every call that shares it, so that a failing dependency gets
// a trickle of retries instead of a storm: in the spirit of gRPC's retry throttling and of the
// AWS SDKs' retry quota. It holds tokens; every retry spends one, and every call that succeeds
// (a first attempt too) puts back BudgetConfig.Refill of one. When less than a whole token is
// left, retries are refused, except for the few per second a floor allows; first calls are
// never refused, and nothing already under way (a call, or a wait that has begun) is
// cancelled. With Refill 0.1, say, a service keeps retrying at most about one call in ten
// once the budget has run dry.
//
// A Budget is safe for concurrent use; share one per dependency (a backend, a host) through
// WithBudget or a Policy. Spending and refilling are a few atomic operations, and allocate
// nothing.
type Budget struct {
	max    int64  // in milli-tokens
	refill int64  // milli-tokens a success puts back
	floor  uint64 // retries per second allowed when the budget is empty

	tokens  atomic.Int64  // milli-tokens left
	window  atomic.Uint64 // floor retries of the current second: second<<floorBits | count
	retries atomic.Uint64
	refused atomic.Uint64
	success atomic.Uint64
}

// BudgetConfig says how big a Budget is and how fast it refills.
type BudgetConfig struct {
	// Max is the number of tokens the budget holds, and starts with: the size of a burst of
	// retries it allows. It must be at least 1.
	Max int
	// Refill is the part of a token a call that succeeds puts back, in [0, Max]: 0.1 allows
	// about one retry per ten successes in the long run, 1 one per success.
	Refill float64
	// Floor is the number of retries per second allowed even when the budget is empty, so
	// that a caller with little traffic, whose successes are too few to refill the budget,
	// still retries now and then. 0 means none.
	Floor int
}

// BudgetStats is a snapshot of a Budget, for gauges and counters.
type BudgetStats struct {
	Tokens    float64 // tokens left now
	Max       int     // BudgetConfig.Max
	Retries   uint64  // retries allowed so far, those allowed by the floor included
	Refused   uint64  // retries refused so far
	Successes uint64  // successful calls that refilled the budget so far
}

// ErrBudgetExhausted is what a *BudgetError matches with errors.Is.
var ErrBudgetExhausted = errors.New("retry: budget exhausted")

// BudgetError is what Do returns when the budget refused the retry that would have followed a
// failed call. errors.Is matches both ErrBudgetExhausted and the last error of the operation.
type BudgetError struct {
	Attempts int   // calls made
	Err      error // the last error of the operation
}

var _ interface {
	error
	Unwrap() []error
} = (*BudgetError)(nil)

// Error says how many calls were made and the last error.
func (e *BudgetError) Error() string {
	return fmt.Sprintf("retry: budget exhausted after %d %s; last error: %v",
		e.Attempts, plural(e.Attempts, "attempt", "attempts"), e.Err)
}

// Unwrap returns ErrBudgetExhausted and the last error, so that errors.Is and errors.As see
// both.
func (e *BudgetError) Unwrap() []error { return []error{ErrBudgetExhausted, e.Err} }

const (
	milli     = 1000 // milli-tokens in a token, the cost of one retry
	floorBits = 24   // bits of the count in Budget.window
	maxFloor  = 1<<floorBits - 1
)

// NewBudget returns a full budget of cfg.Max tokens.
//
// NewBudget panics if cfg.Max < 1, if cfg.Refill is not in [0, cfg.Max], or if cfg.Floor is
// negative or above 16777215.
func NewBudget(cfg BudgetConfig) *Budget {
	switch {
	case cfg.Max < 1 || cfg.Max > math.MaxInt64/milli:
		panic("retry: budget max must be at least 1 token")
	case !(cfg.Refill >= 0 && cfg.Refill <= float64(cfg.Max)):
		panic("retry: budget refill must be in [0, max]")
	case cfg.Floor < 0 || cfg.Floor > maxFloor:
		panic("retry: budget floor must be in [0, 16777215] retries per second")
	}
	b := &Budget{
		max:    int64(cfg.Max) * milli,
		refill: int64(math.Round(cfg.Refill * milli)),
		floor:  uint64(cfg.Floor),
	}
	b.tokens.Store(b.max)
	return b
}

// WithBudget makes the retries of Do spend b's tokens, and its successes refill them (see
// Budget). When b refuses a retry, Do returns a *BudgetError at once, and Outcome.Reason is
// StopBudget. The budget is asked last, right before the wait, so a retry that the attempts,
// the classifiers, MaxElapsed or ctx stop spends nothing. WithBudget(nil) removes a budget
// set before, by an option or a policy given to From.
func WithBudget(b *Budget) Option { return Option{x: b} }

// spend takes the token of one retry, or one of the floor's retries of this second; it
// reports false when the budget refuses the retry.
func (b *Budget) spend() bool {
	for {
		t := b.tokens.Load()
		if t < milli {
			break
		}
		if b.tokens.CompareAndSwap(t, t-milli) {
			b.retries.Add(1)
			return true
		}
	}
	if b.floor > 0 && b.spendFloor(uint64(time.Now().Unix())) {
		b.retries.Add(1)
		return true
	}
	b.refused.Add(1)
	return false
}

// spendFloor counts one of the floor's retries in second sec, if any is left.
func (b *Budget) spendFloor(sec uint64) bool {
	for {
		w := b.window.Load()
		n := uint64(1)
		if w>>floorBits == sec {
			n = w&maxFloor + 1
		}
		if n > b.floor {
			return false
		}
		if b.window.CompareAndSwap(w, sec<<floorBits|n) {
			return true
		}
	}
}

// succeeded puts back the refill of a call that succeeded.
func (b *Budget) succeeded() {
	b.success.Add(1)
	if b.refill == 0 {
		return
	}
	for {
		t := b.tokens.Load()
		if t >= b.max || b.tokens.CompareAndSwap(t, min(t+b.refill, b.max)) {
			return
		}
	}
}

// Stats returns a snapshot of b: the tokens left and the counters. Each field is read
// atomically, the whole not at one instant.
func (b *Budget) Stats() BudgetStats {
	return BudgetStats{
		Tokens:    float64(b.tokens.Load()) / milli,
		Max:       int(b.max / milli),
		Retries:   b.retries.Load(),
		Refused:   b.refused.Load(),
		Successes: b.success.Load(),
	}
}
