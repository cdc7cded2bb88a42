package refuse

import (
	"errors"
	"log"
	"math/rand/v2"
	"time"
)

var errGone = errors.New("gone for good")

// A jitter drawn before a fatal check is drawn on the attempt that gives up
// too; the delay function would draw only before a wait.
func drawBeforeFatal() error {
	var err error
	for i := 0; i < 4; i++ { // want `no automatic fix: the delay is computed on attempts that do not wait$`
		if err = op(); err == nil {
			return nil
		}
		d := time.Duration(rand.Int64N(100)) * time.Millisecond
		if errors.Is(err, errGone) {
			return err
		}
		time.Sleep(d)
	}
	return err
}

// stepper hands out growing delays; each call moves it on.
type stepper struct{ n time.Duration }

func (s *stepper) next() time.Duration { s.n += 10 * time.Millisecond; return s.n }

// The delay is logged as well as slept: the delay function would call
// next a second time for each wait.
func loggedStep(s *stepper) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the computed delay is also used for something else$`
		if err = op(); err == nil {
			return nil
		}
		d := s.next()
		log.Printf("trying again in %v", d)
		time.Sleep(d)
	}
	return err
}
