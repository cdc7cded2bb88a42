package retry

import (
	"errors"
	"fmt"
	"testing"
)

type codeErr struct{ code int }

func (e *codeErr) Error() string { return fmt.Sprint("code ", e.code) }

// asErr finds a *codeErr through its As method only.
type asErr struct{}

func (asErr) Error() string { return "as" }
func (asErr) As(target any) bool {
	if p, ok := target.(**codeErr); ok {
		*p = &codeErr{code: 7}
		return true
	}
	return false
}

// TestAsType checks asType against errors.As on the shapes of error trees.
func TestAsType(t *testing.T) {
	deep := &codeErr{code: 3}
	for _, err := range []error{
		nil,
		errors.New("plain"),
		deep,
		fmt.Errorf("wrapped: %w", deep),
		fmt.Errorf("twice: %w", fmt.Errorf("once: %w", deep)),
		errors.Join(errors.New("a"), fmt.Errorf("b: %w", deep)),
		fmt.Errorf("both: %w and %w", errors.New("x"), deep),
		asErr{},
		fmt.Errorf("wrapped as: %w", asErr{}),
	} {
		var want *codeErr
		wantOK := errors.As(err, &want)
		got, ok := asType[*codeErr](err)
		if ok != wantOK || got != want && (got == nil || want == nil || *got != *want) {
			t.Errorf("asType(%v) = %v, %v; errors.As gives %v, %v", err, got, ok, want, wantOK)
		}
	}
	// An interface type, as the classifiers ask for.
	if _, ok := asType[interface {
		error
		Timeout() bool
	}](fmt.Errorf("w: %w", deep)); ok {
		t.Error("asType found a Timeout method that is not there")
	}
}
