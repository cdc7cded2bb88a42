package indexing

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// fakeStore fails the scripted calls and records when each call was made and
// how many documents it carried.
type fakeStore struct {
	start   time.Time
	errs    []error
	calls   []time.Duration
	written int
}

func (s *fakeStore) Upsert(ctx context.Context, collection string, docs []Document) error {
	s.calls = append(s.calls, time.Since(s.start))
	if n := len(s.calls); n <= len(s.errs) && s.errs[n-1] != nil {
		return s.errs[n-1]
	}
	s.written += len(docs)
	return nil
}

var compacting = errors.New("collection is compacting")

func docs(n int) []Document {
	out := make([]Document, n)
	for i := range out {
		out[i] = Document{ID: string(rune('a' + i)), Text: "text"}
	}
	return out
}

func TestIndex(t *testing.T) {
	tests := []struct {
		name        string
		errs        []error
		wantErr     bool
		wantCalls   []time.Duration
		wantWritten int
		wantWarns   int
	}{
		{"writes every batch at once", nil, false, []time.Duration{0, 0}, 4, 0},
		{"writes a batch again after it failed", []error{compacting, compacting}, false,
			[]time.Duration{0, 250 * time.Millisecond, 750 * time.Millisecond, 750 * time.Millisecond}, 4, 2},
		{"gives up after four attempts", []error{compacting, compacting, compacting, compacting}, true,
			[]time.Duration{0, 250 * time.Millisecond, 750 * time.Millisecond, 1500 * time.Millisecond}, 0, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := &fakeStore{start: time.Now(), errs: tt.errs}
				var logs bytes.Buffer
				ix := NewIndexer(store, "docs", 2, slog.New(slog.NewTextHandler(&logs, nil)))

				err := ix.Index(context.Background(), docs(4))

				if tt.wantErr {
					if !errors.Is(err, compacting) || !strings.Contains(err.Error(), "writing 2 documents to docs") {
						t.Errorf("err = %v, want the last upsert error wrapped", err)
					}
				} else if err != nil {
					t.Errorf("err = %v", err)
				}
				if !slices.Equal(store.calls, tt.wantCalls) {
					t.Errorf("calls at %v, want %v", store.calls, tt.wantCalls)
				}
				if store.written != tt.wantWritten {
					t.Errorf("%d documents written, want %d", store.written, tt.wantWritten)
				}
				if got := strings.Count(logs.String(), "upsert failed"); got != tt.wantWarns {
					t.Errorf("%d warnings logged, want %d:\n%s", got, tt.wantWarns, logs.String())
				}
				for i := 1; i <= tt.wantWarns; i++ {
					if !strings.Contains(logs.String(), "attempt="+string(rune('0'+i))) {
						t.Errorf("no warning for attempt %d:\n%s", i, logs.String())
					}
				}
			})
		})
	}
}
