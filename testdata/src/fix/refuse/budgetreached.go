package refuse

import "time"

// Tested after a failure, the budget gives up as soon as 10s have passed;
// retry.GiveUpAfter gives up only once they are exceeded.
func acquireLock(try func() error) error {
	start := time.Now()
	for { // want `no automatic fix: the time budget gives up once it is reached, not passed$`
		err := try()
		if err == nil {
			return nil
		}
		if time.Since(start) >= 10*time.Second {
			return err
		}
		time.Sleep(time.Second)
	}
}
