// Package falseresult retries a call that says whether it worked with a
// bool: taking a lease fails while another holder keeps it, and the loop
// backs off further after each refusal.
package falseresult

import "time"

type Lease interface {
	TryAcquire(owner string) bool
}

func take(l Lease, owner string) bool {
	backoff := 20 * time.Millisecond
	for i := 0; i < 6; i++ { // want `^hand-rolled retry loop \(6 attempts, exponential backoff from 20ms\) can be replaced by retry.Do$`
		ok := l.TryAcquire(owner)
		if ok {
			return true
		}
		time.Sleep(backoff)
		backoff *= 2
	}
	return false
}

func takeLinear(l Lease, owner string) bool {
	for i := 1; i <= 3; i++ { // want `^hand-rolled retry loop \(3 attempts, linear backoff from 100ms\) can be replaced by retry.Do$`
		if got := l.TryAcquire(owner); got {
			return true
		}
		time.Sleep(time.Duration(i) * 100 * time.Millisecond)
	}
	return false
}
