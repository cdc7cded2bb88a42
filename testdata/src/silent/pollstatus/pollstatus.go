// Package pollstatus polls a job's state; an error ends the wait at once.
package pollstatus

import (
	"context"
	"errors"
	"time"
)

type Job struct{ State string }

type API interface {
	Job(ctx context.Context, id string) (*Job, error)
}

var errTimeout = errors.New("job did not finish")

func waitDone(ctx context.Context, api API, id string) error {
	for i := 0; i < 60; i++ {
		job, err := api.Job(ctx, id)
		if err != nil {
			return err
		}
		if job.State == "done" {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return errTimeout
}
