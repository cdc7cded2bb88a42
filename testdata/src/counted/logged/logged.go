// Package logged logs every failure and counts retries for its metrics.
package logged

import (
	"log/slog"
	"time"
)

var retries int

type Cache interface{ Warm() error }

func warm(c Cache, logger *slog.Logger) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ { // want `^hand-rolled retry loop \(3 attempts, linear backoff from 1s\)`
		err = c.Warm()
		if err == nil {
			if attempt > 0 {
				logger.Info("cache warmed after retries", "attempts", attempt+1)
			}
			return nil
		}
		retries++
		logger.Warn("warming cache failed", "attempt", attempt+1, "err", err)
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return err
}
