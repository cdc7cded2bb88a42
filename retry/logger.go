package retry

import (
	"context"
	"log/slog"
)

// Logger logs through l: every failed call that will be retried at level Warn ("retry:
// attempt failed"), giving up at level Error ("retry: giving up"), and a success after
// retries at level Info ("retry: succeeded"); a first-call success logs nothing. The records
// carry the attrs attempt (1-based), max (the Attempts limit, left out when Unlimited), delay
// (the next wait, failures only), elapsed (since Do began) and error (failures only), and use
// the ctx given to Do. Logger(nil) turns logging off.
func Logger(l *slog.Logger) Option { return Option{x: l} }

// logAttempt logs a failed call.
func (c *config) logAttempt(ctx context.Context, a Attempt) {
	level, msg := slog.LevelWarn, "retry: attempt failed"
	if !a.Retrying {
		level, msg = slog.LevelError, "retry: giving up"
	}
	if !c.logger.Enabled(ctx, level) {
		return
	}
	if c.attempts == Unlimited {
		c.logger.LogAttrs(ctx, level, msg, slog.Int("attempt", a.Number),
			slog.Duration("delay", a.Delay), slog.Duration("elapsed", a.Elapsed), slog.Any("error", a.Err))
		return
	}
	c.logger.LogAttrs(ctx, level, msg, slog.Int("attempt", a.Number), slog.Int("max", c.attempts),
		slog.Duration("delay", a.Delay), slog.Duration("elapsed", a.Elapsed), slog.Any("error", a.Err))
}

// logSuccess logs a success after retries.
func (c *config) logSuccess(ctx context.Context, o Outcome) {
	if !o.Retried() {
		return
	}
	if c.attempts == Unlimited {
		c.logger.LogAttrs(ctx, slog.LevelInfo, "retry: succeeded", slog.Int("attempt", o.Attempts),
			slog.Duration("elapsed", o.Elapsed))
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelInfo, "retry: succeeded", slog.Int("attempt", o.Attempts),
		slog.Int("max", c.attempts), slog.Duration("elapsed", o.Elapsed))
}
