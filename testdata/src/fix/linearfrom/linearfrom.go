// Package linearfrom waits longer by a step that differs from the first wait.
package linearfrom

import "time"

// Publish sends msg up to four times, waiting 1s, 1.5s, then 2s.
func Publish(send func(string) error, msg string) error {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		if err = send(msg); err == nil {
			return nil
		}
		time.Sleep(time.Second + time.Duration(i)*500*time.Millisecond)
	}
	return err
}
