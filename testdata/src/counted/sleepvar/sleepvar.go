// Package sleepvar waits through a package variable that tests replace.
package sleepvar

import "time"

var sleep = time.Sleep // want sleep:"waits"

type Broker interface{ Connect() error }

func connect(b Broker) error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 1s\)`
		if err = b.Connect(); err == nil {
			return nil
		}
		sleep(time.Second)
	}
	return err
}
