// Package param takes the number of attempts from its caller.
package param

import "time"

type Job func() error

func Run(job Job, attempts int, pause time.Duration) error {
	var err error
	for n := 0; n < attempts; n++ { // want `^hand-rolled retry loop \(attempts attempts, constant delay of pause\)`
		err = job()
		if err == nil {
			break
		}
		time.Sleep(pause)
	}
	return err
}
