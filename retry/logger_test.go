package retry_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"reflect"
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// logLines runs Do with a JSON logger writing to a buffer and returns the records without time.
func logLines(t *testing.T, level slog.Level, failures int, opts ...retry.Option) []map[string]any {
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{
		Level: level,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	}))
	synctest.Test(t, func(t *testing.T) {
		retry.Do(t.Context(), failing(failures).op, append([]retry.Option{retry.Constant(time.Second), retry.Logger(l)}, opts...)...)
	})
	var recs []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("bad log line %q: %v", line, err)
		}
		recs = append(recs, m)
	}
	return recs
}

func TestLoggerGivingUp(t *testing.T) {
	got := logLines(t, slog.LevelDebug, 5, retry.Attempts(2))
	s := float64(time.Second)
	want := []map[string]any{
		{"level": "WARN", "msg": "retry: attempt failed", "attempt": 1.0, "max": 2.0, "delay": s, "elapsed": 0.0, "error": "e1"},
		{"level": "ERROR", "msg": "retry: giving up", "attempt": 2.0, "max": 2.0, "reason": "exhausted", "elapsed": s, "error": "e2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("logged\n%v\nwant\n%v", got, want)
	}
}

func TestLoggerSuccessAfterRetries(t *testing.T) {
	got := logLines(t, slog.LevelInfo, 1, retry.Attempts(retry.Unlimited))
	s := float64(time.Second)
	want := []map[string]any{
		{"level": "WARN", "msg": "retry: attempt failed", "attempt": 1.0, "delay": s, "elapsed": 0.0, "error": "e1"},
		{"level": "INFO", "msg": "retry: succeeded", "attempt": 2.0, "elapsed": s},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("logged\n%v\nwant\n%v", got, want)
	}
}

func TestLoggerQuiet(t *testing.T) {
	if got := logLines(t, slog.LevelDebug, 0); len(got) != 0 {
		t.Errorf("a first-call success logged %v", got)
	}
	if got := logLines(t, slog.LevelError, 1); len(got) != 0 {
		t.Errorf("records below the handler's level were logged: %v", got)
	}
	if got := logLines(t, slog.LevelDebug, 3, retry.Logger(nil)); len(got) != 0 {
		t.Errorf("Logger(nil) logged %v", got)
	}
}

// Whatever ends Do with an error, one "giving up" record says so, with the error Do returns.
func TestLoggerGivingUpOnInterruption(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(1500*time.Millisecond, cancel)
		retry.Do(ctx, failing(5).op, retry.Constant(time.Second), retry.Logger(l))
	})
	want := `level=WARN msg="retry: attempt failed" attempt=1 max=3 delay=1s elapsed=0s error=e1
level=WARN msg="retry: attempt failed" attempt=2 max=3 delay=1s elapsed=1s error=e2
level=ERROR msg="retry: giving up" attempt=2 max=3 reason=interrupted elapsed=1.5s error="retry: interrupted after 2 attempts: context canceled; last error: e2"
`
	if buf.String() != want {
		t.Errorf("logged\n%s\nwant\n%s", buf.String(), want)
	}
}
