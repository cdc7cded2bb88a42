// Package wait is a stub of k8s.io/apimachinery/pkg/util/wait.
package wait

import (
	"context"
	"time"
)

// ConditionWithContextFunc reports whether polling can stop.
type ConditionWithContextFunc func(context.Context) (bool, error)

// PollUntilContextTimeout calls cond every interval until it reports done.
func PollUntilContextTimeout(ctx context.Context, interval, timeout time.Duration, immediate bool, cond ConditionWithContextFunc) error {
	for start := time.Now(); time.Since(start) < timeout; {
		done, err := cond(ctx)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		time.Sleep(interval)
	}
	return context.DeadlineExceeded
}
