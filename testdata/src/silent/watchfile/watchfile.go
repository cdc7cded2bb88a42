// Package watchfile reloads a file whenever it can, until ctx ends: a
// success goes round like a failure does, so the loop keeps watching and
// retries nothing.
package watchfile

import (
	"context"
	"os"
	"time"
)

func watch(ctx context.Context, path string, apply func([]byte)) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := os.Stat(path); err != nil {
				t.Reset(time.Second)
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Reset(time.Second)
				continue
			}
			apply(data)
			t.Reset(10 * time.Second)
		}
	}
}
