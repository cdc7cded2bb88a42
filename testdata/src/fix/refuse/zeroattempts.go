package refuse

import "time"

// A loop that never runs is a bug to look at, not something to rewrite.
func zeroAttempts() error {
	var err error
	for i := 0; i < 0; i++ { // want `no automatic fix: the loop never runs$`
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// Zero only for the stand-ins the analysis gives unknowns: each publish is
// work of its own, not a retry, and nothing is reported.
func publishEach(total, producers int) {
	for i := 0; i < total/producers; i++ {
		if err := op(); err != nil {
			println(err.Error())
		}
	}
}
