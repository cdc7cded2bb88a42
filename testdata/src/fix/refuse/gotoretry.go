package refuse

import (
	"errors"
	"log"
	"time"
)

var errBusy = errors.New("busy")

func submit() error { return nil }

// submitWithGoto retries through a label instead of a for statement: a
// failure that is worth another try jumps back to the call, up to three
// times, a second apart. Its test of the error also reads the counter.
func submitWithGoto() error {
	tries := 0
again: // want `^hand-rolled retry loop \(4 attempts, constant delay of 1s\) can be replaced by retry.Do; no automatic fix: the test of the error reads more than the error$`
	err := submit()
	if err != nil && errors.Is(err, errBusy) && tries < 3 {
		tries++
		time.Sleep(time.Second)
		goto again
	}
	return err
}

// submitTimed reads, after its last goto, a variable set after the label:
// in the function it lives on past the retries, in a rewrite it would be
// the closure's.
func submitTimed() error {
	tries := 0
again: // want `^hand-rolled retry loop \(4 attempts, constant delay of 1s\) can be replaced by retry.Do; no automatic fix: the function uses goto$`
	began := time.Now()
	err := submit()
	if err != nil && tries < 3 {
		tries++
		time.Sleep(time.Second)
		goto again
	}
	log.Printf("last try took %s", time.Since(began))
	return err
}
