// Package mutual reads a delay whose value before the loop is defined through
// another local defined through it: the matcher must not chase them forever,
// and names the delay as written when it cannot work it out.
package mutual

import "time"

type Job interface{ Run() error }

func run(j Job) error {
	a := 10 * time.Millisecond
	b := a * 2
	a = b + time.Millisecond
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of a\)`
		if err = j.Run(); err == nil {
			return nil
		}
		time.Sleep(a)
	}
	return err
}
