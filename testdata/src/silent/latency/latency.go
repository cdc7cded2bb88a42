// Package latency samples a round trip at a fixed pace; a failure aborts.
package latency

import "time"

type Target interface{ Ping() error }

func sample(t Target, n int) ([]time.Duration, error) {
	var out []time.Duration
	for i := 0; i < n; i++ {
		start := time.Now()
		if err := t.Ping(); err != nil {
			return out, err
		}
		out = append(out, time.Since(start))
		time.Sleep(time.Second)
	}
	return out, nil
}
