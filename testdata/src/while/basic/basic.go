// Package basic declares the counter before the loop and steps it inside.
package basic

import "time"

type Printer interface{ Print(doc string) error }

func print(p Printer, doc string) error {
	const maxTries = 4
	attempt := 0
	var err error
	for attempt < maxTries { // want `^hand-rolled retry loop \(4 attempts, constant delay of 750ms\)`
		err = p.Print(doc)
		if err == nil {
			return nil
		}
		attempt++
		time.Sleep(750 * time.Millisecond)
	}
	return err
}
