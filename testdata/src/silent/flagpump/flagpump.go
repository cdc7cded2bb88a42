// Package flagpump reads until it has enough or time is up: a success
// leaves the flag as it was unless the total is reached, so the loop goes on
// after successes, reading more. No retry.
package flagpump

import "time"

type Source interface{ Read() (int, error) }

func fill(src Source, want int, d time.Duration) int {
	total, done := 0, false
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && !done {
		n, err := src.Read()
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		total += n
		done = total >= want
	}
	return total
}
