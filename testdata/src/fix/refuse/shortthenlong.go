package refuse

import "time"

// Two quick retries, then slow ones, each written as a wait of its own: the
// schedule is read off one wait statement. Written as one sleep of a computed
// delay, the loop would get a fix.
func reconnect(dial func() error) error {
	var err error
	for i := 0; i < 5; i++ { // want `no automatic fix: the loop waits in more than one place$`
		if err = dial(); err == nil {
			return nil
		}
		if i < 2 {
			time.Sleep(100 * time.Millisecond)
		} else {
			time.Sleep(time.Second)
		}
	}
	return err
}
