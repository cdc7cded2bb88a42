package refuse

import "time"

// time.Now().Sub(start) says what time.Since(start) says, but the matcher
// reads budgets in the forms it knows only.
func drain(flush func() error) error {
	start := time.Now()
	var err error
	for time.Now().Sub(start) < 30*time.Second { // want `no automatic fix: the time budget is not understood$`
		if err = flush(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
