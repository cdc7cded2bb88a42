package retry_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/retrylint/retrylint/retry"
)

func TestConstant(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		retry.Do(t.Context(), s.op, retry.Attempts(4), retry.Constant(2*time.Second))
		s.wantCalls(t, at(0, 2, 4, 6)...)
	})
}

func TestConstantReplacesDefaultCap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := failing(10)
		retry.Do(t.Context(), s.op, retry.Constant(time.Minute))
		s.wantCalls(t, at(0, 60, 120)...)
	})
}

func TestConstantNegativeAndNoDelay(t *testing.T) {
	for name, opt := range map[string]retry.Option{"negative": retry.Constant(-time.Second), "NoDelay": retry.NoDelay()} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := failing(10)
				retry.Do(t.Context(), s.op, opt)
				s.wantCalls(t, 0, 0, 0)
			})
		})
	}
}
