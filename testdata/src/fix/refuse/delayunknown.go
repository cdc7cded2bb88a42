package refuse

import "time"

// backoffSleep sleeps longer after each failed attempt.
func backoffSleep(attempt int) { // want backoffSleep:"waits"
	d := time.Duration(100<<attempt) * time.Millisecond
	time.Sleep(d)
}

// The helper computes its delay from the attempt inside itself: the matcher
// sees a wait, but not how long it lasts.
func refreshToken(refresh func() error) error {
	var err error
	for i := 0; i < 4; i++ { // want `no automatic fix: the delay of the wait is not known$`
		if err = refresh(); err == nil {
			return nil
		}
		backoffSleep(i)
	}
	return err
}
