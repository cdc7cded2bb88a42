package refuse

import (
	"encoding/json"
	"time"
)

// The budget starts before the event is encoded, not right before the first
// attempt: retry.MaxElapsed would start counting later and allow more time.
func deliver(send func([]byte) error, ev any) error {
	start := time.Now()
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	for time.Since(start) < 30*time.Second { // want `no automatic fix: the time budget does not start right before the loop$`
		if err = send(body); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
