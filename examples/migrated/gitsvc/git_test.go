package gitsvc

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// scripted returns a Runner that fails with the scripted errors in turn, then
// succeeds, and records when it was called.
func scripted(start time.Time, calls *[]time.Duration, errs ...error) Runner {
	return func(ctx context.Context, dir string, args ...string) (string, error) {
		*calls = append(*calls, time.Since(start))
		if n := len(*calls); n <= len(errs) {
			return "partial output", errs[n-1]
		}
		return "main\n", nil
	}
}

var (
	locked   = errors.New("git commit: exit status 128: fatal: Unable to create '/repo/.git/index.lock': File exists.")
	notARepo = errors.New("git rev-parse: exit status 128: fatal: not a git repository")
)

func TestCurrentBranch(t *testing.T) {
	tests := []struct {
		name      string
		errs      []error
		want      string
		wantErr   error
		wantCalls int
	}{
		{"runs at once", nil, "main", nil, 1},
		{"runs again while the index is locked", []error{locked, locked}, "main", nil, 3},
		{"gives up after five locked tries", []error{locked, locked, locked, locked, locked}, "partial output", locked, 5},
		{"returns other failures at once", []error{notARepo}, "partial output", notARepo, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				var calls []time.Duration
				r := &Repo{dir: "/repo", run: scripted(start, &calls, tt.errs...)}

				got, err := r.CurrentBranch(context.Background())

				if got != tt.want || err != tt.wantErr {
					t.Errorf("CurrentBranch() = %q, %v; want %q, %v", got, err, tt.want, tt.wantErr)
				}
				var want []time.Duration
				for i := range tt.wantCalls {
					want = append(want, time.Duration(i)*lockDelay)
				}
				if !slices.Equal(calls, want) {
					t.Errorf("calls at %v, want %v", calls, want)
				}
			})
		})
	}
}
