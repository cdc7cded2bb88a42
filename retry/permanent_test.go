package retry_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/retrylint/retrylint/retry"
)

func TestPermanent(t *testing.T) {
	if retry.Permanent(nil) != nil {
		t.Error("Permanent(nil) != nil")
	}
	p := retry.Permanent(errA)
	if !retry.IsPermanent(p) || !errors.Is(p, errA) || p.Error() != errA.Error() {
		t.Errorf("Permanent(a) = %v: want a marked error that is a and reads like it", p)
	}
	if retry.IsPermanent(errA) || retry.IsPermanent(nil) {
		t.Error("IsPermanent says yes to an unmarked error")
	}
	if !retry.IsPermanent(fmt.Errorf("x: %w", p)) {
		t.Error("IsPermanent misses a wrapped marker")
	}
}

func TestDoPermanentReturnsTheErrorItself(t *testing.T) {
	n, err := callsUntilStop(t, []error{errA, retry.Permanent(errB), errC})
	if n != 2 || err != errB {
		t.Errorf("%d calls returning %v, want 2 returning b itself", n, err)
	}
}

func TestDoPermanentDeepInTheChain(t *testing.T) {
	wrapped := fmt.Errorf("op: %w", retry.Permanent(errB))
	n, err := callsUntilStop(t, []error{wrapped, errC})
	if n != 1 || err != wrapped || err.Error() != "op: b" {
		t.Errorf("%d calls returning %v, want 1 returning the operation's error as it is", n, err)
	}
}

func TestDoPermanentBeatsClassifiers(t *testing.T) {
	n, err := callsUntilStop(t, []error{retry.Permanent(errA)}, retry.RetryOn(errA))
	if n != 1 || err != errA {
		t.Errorf("%d calls returning %v, want 1 returning a", n, err)
	}
}
