package refuse

import "time"

// The budget starts after the first attempt, made before the loop:
// retry.Do makes that attempt inside its budget, which would start earlier.
func deliver(send func([]byte) error, body []byte) error {
	err := send(body)
	start := time.Now()
	for err != nil && time.Since(start) < 30*time.Second { // want `no automatic fix: the time budget does not start right before the loop$`
		time.Sleep(time.Second)
		err = send(body)
	}
	return err
}
