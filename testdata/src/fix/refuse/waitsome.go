package refuse

import "time"

// Attempts alternate between the primary and the backup, and the loop pauses
// only once both have failed: retry.Do waits after every failure it retries.
func sendEither(send func(addr string) error, primary, backup string) error {
	var err error
	for i := 0; i < 6; i++ { // want `no automatic fix: the loop waits after some failures only$`
		addr := primary
		if i%2 == 1 {
			addr = backup
		}
		if err = send(addr); err == nil {
			return nil
		}
		if i%2 == 1 {
			time.Sleep(time.Second)
		}
	}
	return err
}
