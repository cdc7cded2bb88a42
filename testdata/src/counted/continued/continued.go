// Package continued handles the failure first and leaves after the if.
package continued

import (
	"log"
	"time"
)

type Mailer interface{ Send(to, body string) error }

func notify(m Mailer, to, body string) error {
	var err error
	for i := 0; i < 4; i++ { // want `^hand-rolled retry loop \(4 attempts, constant delay of 3s\)`
		if err = m.Send(to, body); err != nil {
			log.Printf("send to %s failed (try %d): %v", to, i+1, err)
			time.Sleep(3 * time.Second)
			continue
		}
		return nil
	}
	return err
}
