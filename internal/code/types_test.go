package code_test

import (
	"go/types"
	"testing"

	"github.com/retrylint/retrylint/internal/code"
)

// typesSrc declares the types the type predicates are asked about: error
// types named and unnamed, contexts and lookalikes, durations and timers.
const typesSrc = `
import (
	"context"
	"time"
)

type valueErr struct{}

func (valueErr) Error() string { return "" }

type ptrErr struct{}

func (*ptrErr) Error() string { return "" }

type wrongErr struct{}

func (wrongErr) Error() int { return 0 }

type errAlias = error

// namedErr is a defined interface with error's method set.
type namedErr error

type timeoutErr interface {
	error
	Timeout() bool
}

type embedCtx struct{ context.Context }

// lookalikeCtx has context.Context's methods without embedding it.
type lookalikeCtx struct{}

func (lookalikeCtx) Deadline() (time.Time, bool) { return time.Time{}, false }
func (lookalikeCtx) Done() <-chan struct{}       { return nil }
func (lookalikeCtx) Err() error                  { return nil }
func (lookalikeCtx) Value(any) any               { return nil }

// ptrCtx has them on its pointer only.
type ptrCtx struct{}

func (*ptrCtx) Deadline() (time.Time, bool) { return time.Time{}, false }
func (*ptrCtx) Done() <-chan struct{}       { return nil }
func (*ptrCtx) Err() error                  { return nil }
func (*ptrCtx) Value(any) any               { return nil }

// partialCtx lacks Deadline.
type partialCtx struct{}

func (partialCtx) Done() <-chan struct{} { return nil }
func (partialCtx) Err() error            { return nil }

type ctxAlias = context.Context
type namedCtx context.Context

type myDuration time.Duration
type durAlias = time.Duration

type myTimer time.Timer
type timerPtrAlias = *time.Timer

type box[T any] struct{ v T }
`

func TestIsError(t *testing.T) {
	s := check(t, typesSrc)
	for _, tc := range []struct {
		typ  string
		want bool
	}{
		{"error", true},
		{"errAlias", true},
		{"namedErr", true},
		{"timeoutErr", true},
		{"interface{ Error() string }", true},
		{"valueErr", true},
		{"*valueErr", true},
		{"*ptrErr", true},
		{"ptrErr", false}, // Error is on the pointer only
		{"wrongErr", false},
		{"*error", false},
		{"any", false},
		{"string", false},
		{"context.Context", false},
	} {
		if got := code.IsError(s.typ(t, tc.typ)); got != tc.want {
			t.Errorf("IsError(%s) = %v, want %v", tc.typ, got, tc.want)
		}
	}
	if code.IsError(nil) {
		t.Error("IsError(nil) = true, want false")
	}
}

func TestIsErrorType(t *testing.T) {
	s := check(t, typesSrc)
	for _, tc := range []struct {
		typ  string
		want bool
	}{
		{"error", true},
		{"errAlias", true},
		{"namedErr", false},
		{"timeoutErr", false},
		{"interface{ Error() string }", false},
		{"valueErr", false},
		{"*ptrErr", false},
		{"*error", false},
		{"any", false},
	} {
		if got := code.IsErrorType(s.typ(t, tc.typ)); got != tc.want {
			t.Errorf("IsErrorType(%s) = %v, want %v", tc.typ, got, tc.want)
		}
	}
	if code.IsErrorType(nil) {
		t.Error("IsErrorType(nil) = true, want false")
	}
}

func TestIsNamed(t *testing.T) {
	s := check(t, typesSrc)
	for _, tc := range []struct {
		typ, path, name string
		want            bool
	}{
		{"time.Duration", "time", "Duration", true},
		{"durAlias", "time", "Duration", true},
		{"*durAlias", "time", "Duration", true},
		{"*time.Timer", "time", "Timer", true},
		{"timerPtrAlias", "time", "Timer", true},
		{"myDuration", "p", "myDuration", true},
		{"box[int]", "p", "box", true}, // an instance is named by its origin
		{"myDuration", "time", "Duration", false},
		{"int64", "time", "Duration", false},
		{"time.Duration", "time", "Timer", false},
		{"time.Duration", "context", "Duration", false},
		{"[]time.Duration", "time", "Duration", false},
		{"error", "", "error", false}, // predeclared, in no package
	} {
		if got := code.IsNamed(s.typ(t, tc.typ), tc.path, tc.name); got != tc.want {
			t.Errorf("IsNamed(%s, %q, %q) = %v, want %v", tc.typ, tc.path, tc.name, got, tc.want)
		}
	}
	if code.IsNamed(nil, "time", "Duration") {
		t.Error("IsNamed(nil) = true, want false")
	}
}

func TestIsContext(t *testing.T) {
	s := check(t, typesSrc)
	for _, tc := range []struct {
		typ  string
		want bool
	}{
		{"context.Context", true},
		{"ctxAlias", true},
		{"namedCtx", true},
		{"embedCtx", true},
		{"*embedCtx", true},
		{"lookalikeCtx", true},
		{"*ptrCtx", true},
		{"interface{ Deadline() (time.Time, bool); Done() <-chan struct{}; Err() error }", true},
		{"ptrCtx", false},           // the methods are on the pointer only
		{"*context.Context", false}, // a pointer to an interface has no methods
		{"partialCtx", false},
		{"error", false},
		{"int", false},
		{"time.Duration", false},
	} {
		if got := code.IsContext(s.typ(t, tc.typ)); got != tc.want {
			t.Errorf("IsContext(%s) = %v, want %v", tc.typ, got, tc.want)
		}
	}
	if code.IsContext(nil) {
		t.Error("IsContext(nil) = true, want false")
	}
}

// TestNilCall checks that the call predicates answer "no" for a nil call,
// as the package promises for incomplete code.
func TestNilCall(t *testing.T) {
	info := &types.Info{}
	if code.Callee(info, nil) != nil || code.Method(info, nil) != nil {
		t.Error("Callee or Method of a nil call is not nil")
	}
	if _, _, ok := code.PkgFunc(info, nil); ok || code.IsPkgCall(info, nil, "os", "Exit") {
		t.Error("PkgFunc or IsPkgCall of a nil call is ok")
	}
	if code.IsBuiltin(info, nil, "len") || code.BuiltinName(info, nil) != "" || code.IsConversion(info, nil) || code.IsNoReturn(info, nil) {
		t.Error("a builtin, conversion or no-return predicate holds of a nil call")
	}
	if p, n := code.RecvNamed(nil); p != "" || n != "" {
		t.Errorf("RecvNamed(nil) = %q, %q", p, n)
	}
}

func TestIsContextType(t *testing.T) {
	s := check(t, typesSrc)
	for _, tc := range []struct {
		typ  string
		want bool
	}{
		{"context.Context", true},
		{"ctxAlias", true},
		{"namedCtx", false},
		{"embedCtx", false},
		{"*embedCtx", false},
		{"lookalikeCtx", false},
		{"*context.Context", false},
		{"interface{ Deadline() (time.Time, bool); Done() <-chan struct{}; Err() error; Value(any) any }", false},
		{"error", false},
	} {
		if got := code.IsContextType(s.typ(t, tc.typ)); got != tc.want {
			t.Errorf("IsContextType(%s) = %v, want %v", tc.typ, got, tc.want)
		}
	}
	if code.IsContextType(nil) {
		t.Error("IsContextType(nil) = true, want false")
	}
}

func TestIsDuration(t *testing.T) {
	s := check(t, typesSrc)
	for _, tc := range []struct {
		typ  string
		want bool
	}{
		{"time.Duration", true},
		{"durAlias", true},
		{"int64", false},
		{"myDuration", false},
		{"*time.Duration", false},
		{"time.Time", false},
		{"[]time.Duration", false},
	} {
		if got := code.IsDuration(s.typ(t, tc.typ)); got != tc.want {
			t.Errorf("IsDuration(%s) = %v, want %v", tc.typ, got, tc.want)
		}
	}
	if code.IsDuration(nil) {
		t.Error("IsDuration(nil) = true, want false")
	}
}

func TestIsTimer(t *testing.T) {
	s := check(t, typesSrc)
	for _, tc := range []struct {
		typ  string
		want bool
	}{
		{"time.Timer", true},
		{"*time.Timer", true},
		{"timerPtrAlias", true},
		{"time.Ticker", false},
		{"*time.Ticker", false},
		{"myTimer", false},
		{"time.Duration", false},
		{"<-chan time.Time", false},
	} {
		if got := code.IsTimer(s.typ(t, tc.typ)); got != tc.want {
			t.Errorf("IsTimer(%s) = %v, want %v", tc.typ, got, tc.want)
		}
	}
	if code.IsTimer(nil) {
		t.Error("IsTimer(nil) = true, want false")
	}
}
