package code_test

import (
	"go/ast"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

// workSrc holds one marked call of each kind of side work a retry does: log
// lines through the standard packages and through loggers of the code's own,
// metrics through counters and atomics, and the lookalikes that are neither
// (a WaitGroup's Add, a header's Set, fmt.Errorf, t.Errorf).
const workSrc = `
import (
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

type Logger interface {
	Infof(format string, args ...any)
	Close() error
}

type retryCounter struct{ n int }

func (c *retryCounter) Inc()      { c.n++ }
func (c *retryCounter) Reset()    { c.n = 0 }

type cache struct{}

func (cache) Set(k string) {}

func work(l Logger, sl *slog.Logger, lg *log.Logger, t *testing.T, c *retryCounter, n *atomic.Int64,
	raw *int64, wg *sync.WaitGroup, h http.Header, ca cache, b *strings.Builder, err error) {
	/*@logPrintf*/ log.Printf("x")
	/*@slogWarn*/ slog.Warn("x")
	/*@slogMethod*/ sl.ErrorContext(nil, "x")
	/*@loggerPrintln*/ lg.Println("x")
	/*@fmtPrintf*/ fmt.Printf("x")
	/*@fmtStderr*/ fmt.Fprintf(os.Stderr, "x")
	/*@fmtBuilder*/ fmt.Fprintf(b, "x")
	_ = /*@fmtErrorf*/ fmt.Errorf("x: %w", err)
	/*@ownLogger*/ l.Infof("x")
	/*@ownLoggerClose*/ l.Close()
	/*@tLogf*/ t.Logf("x")
	/*@tErrorf*/ t.Errorf("x")

	/*@counterInc*/ c.Inc()
	/*@counterReset*/ c.Reset()
	/*@atomicAdd*/ n.Add(1)
	/*@atomicLoad*/ n.Load()
	/*@atomicAddInt64*/ atomic.AddInt64(raw, 1)
	/*@waitGroupAdd*/ wg.Add(1)
	/*@headerSet*/ h.Set("a", "b")
	/*@cacheSet*/ ca.Set("a")
	/*@builtinPanic*/ panic("x")
}
`

func TestIsLogCall(t *testing.T) {
	s := check(t, workSrc)
	for _, tc := range []struct {
		call string
		want bool
	}{
		{"logPrintf", true},
		{"slogWarn", true},
		{"slogMethod", true},
		{"loggerPrintln", true},
		{"fmtPrintf", true},
		{"fmtStderr", true},
		{"fmtBuilder", false}, // writes to a buffer
		{"fmtErrorf", false},
		{"ownLogger", true},
		{"ownLoggerClose", false},
		{"tLogf", true},
		{"tErrorf", false},
		{"counterInc", false},
		{"waitGroupAdd", false},
		{"builtinPanic", false},
	} {
		if got := code.IsLogCall(s.info, at[*ast.CallExpr](t, s, tc.call)); got != tc.want {
			t.Errorf("IsLogCall(%s) = %v, want %v", tc.call, got, tc.want)
		}
	}
	if code.IsLogCall(s.info, nil) {
		t.Error("IsLogCall(nil) = true")
	}
}

func TestIsMetricCall(t *testing.T) {
	s := check(t, workSrc)
	for _, tc := range []struct {
		call string
		want bool
	}{
		{"counterInc", true},
		{"counterReset", false}, // not a verb that records
		{"atomicAdd", true},
		{"atomicLoad", false},
		{"atomicAddInt64", true},
		{"waitGroupAdd", false},
		{"headerSet", false},
		{"cacheSet", false},
		{"logPrintf", false},
		{"ownLogger", false},
		{"builtinPanic", false},
	} {
		if got := code.IsMetricCall(s.info, at[*ast.CallExpr](t, s, tc.call)); got != tc.want {
			t.Errorf("IsMetricCall(%s) = %v, want %v", tc.call, got, tc.want)
		}
	}
	if code.IsMetricCall(s.info, nil) {
		t.Error("IsMetricCall(nil) = true")
	}
}
