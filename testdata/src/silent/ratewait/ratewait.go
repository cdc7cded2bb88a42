// Package ratewait waits for a token from a limiter; nothing failed.
package ratewait

import "time"

type Limiter interface{ Allow() bool }

func take(l Limiter) {
	for !l.Allow() {
		time.Sleep(10 * time.Millisecond)
	}
}
