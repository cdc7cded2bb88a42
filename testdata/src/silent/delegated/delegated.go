// Package delegated already delegates to retry libraries.
package delegated

import (
	"context"
	"time"

	retrygo "github.com/avast/retry-go/v4"
	"github.com/cenkalti/backoff/v4"
	"k8s.io/apimachinery/pkg/util/wait"
)

type API interface{ Call() error }

func viaBackoff(a API) error {
	return backoff.Retry(a.Call, backoff.NewExponentialBackOff())
}

func viaRetryGo(a API) error {
	return retrygo.Do(a.Call, retrygo.Attempts(3), retrygo.Delay(time.Second))
}

// manualWithLibraryDelays loops by hand but takes its delays from the
// library, which already owns the policy.
func manualWithLibraryDelays(a API) error {
	b := backoff.NewExponentialBackOff()
	var err error
	for i := 0; i < 5; i++ {
		if err = a.Call(); err == nil {
			return nil
		}
		time.Sleep(b.NextBackOff())
	}
	return err
}

func viaWait(ctx context.Context, a API) error {
	return wait.PollUntilContextTimeout(ctx, time.Second, time.Minute, true, func(context.Context) (bool, error) {
		return a.Call() == nil, nil
	})
}
