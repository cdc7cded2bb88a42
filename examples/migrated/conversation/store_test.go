package conversation

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// scriptedDB fails with the scripted errors in turn, then succeeds, and
// records when each call was made.
type scriptedDB struct {
	start time.Time
	errs  []error
	calls []time.Duration
}

func (db *scriptedDB) Exec(ctx context.Context, query string, args ...any) error {
	db.calls = append(db.calls, time.Since(db.start))
	if n := len(db.calls); n <= len(db.errs) {
		return db.errs[n-1]
	}
	return nil
}

type countingMetrics map[string]int

func (m countingMetrics) Increment(name string) { m[name]++ }

var (
	transient = &DBError{Code: "connection reset during failover", Transient: true}
	fatal     = &DBError{Code: "unique constraint violated", Transient: false}
)

func TestSaveMessage(t *testing.T) {
	tests := []struct {
		name      string
		errs      []error
		wantErr   error
		wantCalls []time.Duration
		wantRetry int
	}{
		{"succeeds at once", nil, nil, []time.Duration{0}, 0},
		{"succeeds after two failures", []error{transient, transient}, nil,
			[]time.Duration{0, 500 * time.Millisecond, 1500 * time.Millisecond}, 1},
		{"gives up after three attempts", []error{transient, transient, transient, transient}, transient,
			[]time.Duration{0, 500 * time.Millisecond, 1500 * time.Millisecond}, 0},
		{"stops at an error that is not retryable", []error{transient, fatal}, fatal,
			[]time.Duration{0, 500 * time.Millisecond}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				db := &scriptedDB{start: time.Now(), errs: tt.errs}
				metrics := countingMetrics{}
				s := NewStore(db, metrics, 3)

				err := s.SaveMessage(context.Background(), "c1", "hello")

				if err != tt.wantErr {
					t.Errorf("err = %v, want %v", err, tt.wantErr)
				}
				if !slices.Equal(db.calls, tt.wantCalls) {
					t.Errorf("calls at %v, want %v", db.calls, tt.wantCalls)
				}
				if got := metrics["conversation.db_retries_successful"]; got != tt.wantRetry {
					t.Errorf("retries_successful = %d, want %d", got, tt.wantRetry)
				}
			})
		})
	}
}

func TestSaveMessageCancelledDuringWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		db := &scriptedDB{start: time.Now(), errs: []error{transient, transient, transient}}
		s := NewStore(db, countingMetrics{}, 3)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(700*time.Millisecond, cancel)

		err := s.SaveMessage(ctx, "c1", "hello")

		if err != context.Canceled {
			t.Errorf("err = %v, want context.Canceled itself", err)
		}
		if elapsed := time.Since(db.start); elapsed != 700*time.Millisecond {
			t.Errorf("returned after %v, want 700ms", elapsed)
		}
		if len(db.calls) != 2 {
			t.Errorf("%d calls, want 2", len(db.calls))
		}
	})
}
