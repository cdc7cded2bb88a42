package database

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

type result struct{ rows int64 }

func (r result) LastInsertId() (int64, error) { return 0, nil }
func (r result) RowsAffected() (int64, error) { return r.rows, nil }

// scriptedConn fails with the scripted errors in turn, then succeeds, and
// records when each statement ran.
type scriptedConn struct {
	start time.Time
	errs  []error
	calls []time.Duration
}

func (c *scriptedConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c.calls = append(c.calls, time.Since(c.start))
	if n := len(c.calls); n <= len(c.errs) {
		return nil, c.errs[n-1]
	}
	return result{rows: 1}, nil
}

// expectedCalls replays the pauses the wrapper draws from a source seeded
// like the one under test: the base delay plus a draw below it.
func expectedCalls(seed uint64, n int) []time.Duration {
	rnd := rand.New(rand.NewPCG(seed, seed))
	calls := []time.Duration{0}
	at := time.Duration(0)
	for len(calls) < n {
		at += busyBaseDelay + time.Duration(rnd.Int64N(int64(busyBaseDelay)))
		calls = append(calls, at)
	}
	return calls
}

func TestExecWithRetry(t *testing.T) {
	busy := &BusyError{Code: 5}
	syntax := errors.New(`near "SELEC": syntax error`)
	tests := []struct {
		name      string
		errs      []error
		wantErr   func(error) bool
		wantCalls int
	}{
		{"runs at once", nil, func(err error) bool { return err == nil }, 1},
		{"runs again while busy", []error{busy, busy, busy}, func(err error) bool { return err == nil }, 4},
		{"gives up after six busy tries", []error{busy, busy, busy, busy, busy, busy},
			func(err error) bool {
				return errors.Is(err, busy) && err.Error() == "database: still busy after 6 attempts: database is locked (5)"
			}, 6},
		{"returns other errors at once", []error{busy, syntax}, func(err error) bool { return err == syntax }, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				conn := &scriptedConn{start: time.Now(), errs: tt.errs}
				db := New(conn, rand.New(rand.NewPCG(7, 7)))

				res, err := db.ExecWithRetry(context.Background(), "UPDATE notes SET body = ? WHERE id = ?", "x", 1)

				if !tt.wantErr(err) {
					t.Errorf("err = %v", err)
				}
				if err == nil {
					if rows, _ := res.RowsAffected(); rows != 1 {
						t.Errorf("rows affected = %d, want 1", rows)
					}
				}
				if want := expectedCalls(7, tt.wantCalls); !slices.Equal(conn.calls, want) {
					t.Errorf("calls at %v, want %v", conn.calls, want)
				}
			})
		})
	}
}

func TestExecWithRetryCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		busy := &BusyError{Code: 5}
		conn := &scriptedConn{start: time.Now(), errs: []error{busy, busy, busy}}
		db := New(conn, rand.New(rand.NewPCG(7, 7)))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(10*time.Millisecond, cancel)

		_, err := db.ExecWithRetry(ctx, "DELETE FROM notes")

		if err != context.Canceled {
			t.Errorf("err = %v, want context.Canceled itself", err)
		}
		if len(conn.calls) != 1 || time.Since(conn.start) != 10*time.Millisecond {
			t.Errorf("%d calls, returned after %v; want 1 call and 10ms", len(conn.calls), time.Since(conn.start))
		}
	})
}
