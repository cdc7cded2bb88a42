package svc

import (
	"bytes"
	"context"
	"errors"
	"log"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// fake fails the scripted calls in turn and records when each call was made.
type fake struct {
	start time.Time
	errs  []error
	calls []time.Duration
}

func (f *fake) next() error {
	f.calls = append(f.calls, time.Since(f.start))
	if n := len(f.calls); n <= len(f.errs) {
		return f.errs[n-1]
	}
	return nil
}

func (f *fake) Get(ctx context.Context, key string) (string, error) {
	if err := f.next(); err != nil {
		return "", err
	}
	return "value of " + key, nil
}

func (f *fake) Put(key, value string) error { return f.next() }

var errGone = errors.New("gone")

func TestGet(t *testing.T) {
	tests := []struct {
		name      string
		errs      []error
		want      string
		wantErr   func(error) bool
		wantCalls []time.Duration
	}{
		{"at once", nil, "value of k", isNil, []time.Duration{0}},
		{"after two busy", []error{ErrBusy, ErrBusy}, "value of k", isNil,
			[]time.Duration{0, 100 * time.Millisecond, 300 * time.Millisecond}},
		{"gives up", []error{ErrBusy, ErrBusy, ErrBusy}, "",
			func(err error) bool { return errors.Is(err, ErrBusy) && err.Error() == "get k: busy" },
			[]time.Duration{0, 100 * time.Millisecond, 300 * time.Millisecond}},
		{"not retried", []error{ErrBusy, errGone}, "", func(err error) bool { return err == errGone },
			[]time.Duration{0, 100 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &fake{start: time.Now(), errs: tt.errs}
				s := New(f, 3, 100*time.Millisecond, log.New(&bytes.Buffer{}, "", 0))
				got, err := s.Get(context.Background(), "k")
				if got != tt.want || !tt.wantErr(err) {
					t.Errorf("Get = %q, %v", got, err)
				}
				if !slices.Equal(f.calls, tt.wantCalls) {
					t.Errorf("calls at %v, want %v", f.calls, tt.wantCalls)
				}
			})
		})
	}
}

func TestGetCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fake{start: time.Now(), errs: []error{ErrBusy, ErrBusy, ErrBusy}}
		s := New(f, 3, 100*time.Millisecond, log.New(&bytes.Buffer{}, "", 0))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(150*time.Millisecond, cancel)
		_, err := s.Get(ctx, "k")
		if err != context.Canceled {
			t.Errorf("err = %v, want context.Canceled itself", err)
		}
		if elapsed := time.Since(f.start); elapsed != 150*time.Millisecond {
			t.Errorf("returned after %v", elapsed)
		}
	})
}

func TestPut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fake{start: time.Now(), errs: []error{ErrBusy, ErrBusy}}
		var logs bytes.Buffer
		s := New(f, 4, 100*time.Millisecond, log.New(&logs, "", 0))
		if err := s.Put("k", "v"); err != nil {
			t.Fatal(err)
		}
		if want := []time.Duration{0, 100 * time.Millisecond, 300 * time.Millisecond}; !slices.Equal(f.calls, want) {
			t.Errorf("calls at %v, want %v", f.calls, want)
		}
		if got := logs.String(); !strings.Contains(got, "(attempt 1)") || !strings.Contains(got, "(attempt 2)") {
			t.Errorf("logs:\n%s", got)
		}
	})
}

func TestPutAll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &fake{start: time.Now(), errs: []error{ErrBusy, ErrBusy, ErrBusy}}
		s := New(f, 4, 0, log.New(&bytes.Buffer{}, "", 0))
		err := s.PutAll(map[string]string{"a": "1"})
		if !errors.Is(err, ErrBusy) || err.Error() != "put a: busy" {
			t.Errorf("err = %v", err)
		}
		if len(f.calls) != 3 {
			t.Errorf("%d calls, want 3", len(f.calls))
		}
	})
}

func isNil(err error) bool { return err == nil }
