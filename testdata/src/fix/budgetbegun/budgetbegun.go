// Package budgetbegun retries within a time budget that started before some
// work ahead of the loop: the rewrite gives retry.Do what is left of it.
package budgetbegun

import (
	"encoding/json"
	"time"
)

// Deliver sends the event for up to 30s from when it was handed over, the
// time spent encoding it included.
func Deliver(send func([]byte) error, ev any) error {
	start := time.Now()
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	for time.Since(start) < 30*time.Second { // want `^hand-rolled retry loop \(for up to 30s, constant delay of 1s\) can be replaced by retry\.Do$`
		if err = send(body); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// Announce tells the peers about the node until 10s after it was asked to,
// resolving its address first; it gives up quietly when the time is up.
func Announce(resolve func() string, announce func(addr string) error, reset func()) {
	deadline := time.Now().Add(10 * time.Second)
	addr := resolve()
	for time.Now().Before(deadline) { // want `^hand-rolled retry loop \(until deadline, constant delay of 500ms\) can be replaced by retry\.Do$`
		if err := announce(addr); err != nil {
			reset()
			time.Sleep(500 * time.Millisecond)
			continue
		}
		break
	}
}
