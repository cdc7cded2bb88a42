// Package continued logs a failure, waits and continues; success falls
// through to a return.
package continued

import "time"

// Notify sends a message up to four times, 3s apart, logging each failure.
func Notify(send func(to string) error, logf func(string, ...any), to string) error {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		if err = send(to); err != nil {
			logf("send to %s failed (try %d): %v", to, i+1, err)
			time.Sleep(3 * time.Second)
			continue
		}
		return nil
	}
	return err
}
