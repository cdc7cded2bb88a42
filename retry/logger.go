package retry

import (
	"context"
	"log/slog"
	"time"
)

// Logger logs through l: every failed call that will be retried at level Warn ("retry:
// attempt failed", with the next wait as delay), the end of a Do that returns an error at level
// Error ("retry: giving up", whatever ended it: attempts, time budget, a non-retryable or
// permanent error, a retry budget, or ctx), and a success after retries at level Info ("retry:
// succeeded"); a first-call success logs nothing. The records carry the attrs attempt
// (1-based), max (the Attempts limit, left out when Unlimited), delay (failures that will be
// retried), reason (giving up: Outcome.Reason), elapsed (since Do began) and error (the error
// of the call, or the one Do returns), and use the ctx given to Do.
// Logger(nil) turns logging off.
func Logger(l *slog.Logger) Option { return Option{x: l} }

// logRetry logs a failed call that will be retried.
func (c *config) logRetry(ctx context.Context, a Attempt) {
	c.log(ctx, slog.LevelWarn, "retry: attempt failed", a.Number, a.Err, a.Elapsed, slog.Duration("delay", a.Delay))
}

// logEnd logs the end of Do after retries or with an error.
func (c *config) logEnd(ctx context.Context, o Outcome) {
	switch {
	case o.Err != nil:
		c.log(ctx, slog.LevelError, "retry: giving up", o.Attempts, o.Err, o.Elapsed, slog.String("reason", o.Reason.String()))
	case o.Retried():
		c.log(ctx, slog.LevelInfo, "retry: succeeded", o.Attempts, nil, o.Elapsed, slog.Attr{})
	}
}

// log writes one record with the common attrs; extra is left out when empty, and so is error
// when err is nil.
func (c *config) log(ctx context.Context, level slog.Level, msg string, attempt int, err error, elapsed time.Duration, extra slog.Attr) {
	if !c.logger.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 5)
	attrs = append(attrs, slog.Int("attempt", attempt))
	if c.attempts != Unlimited {
		attrs = append(attrs, slog.Int("max", c.attempts))
	}
	if extra.Key != "" {
		attrs = append(attrs, extra)
	}
	attrs = append(attrs, slog.Duration("elapsed", elapsed))
	if err != nil {
		attrs = append(attrs, slog.Any("error", err))
	}
	c.logger.LogAttrs(ctx, level, msg, attrs...)
}
