package refuse

import "time"

// recover in the loop: the closure would move the frame it belongs to.
func recovered() (err error) {
	for i := 0; i < 3; i++ { // want `no automatic fix: the loop calls recover$`
		if r := recover(); r != nil {
			return nil
		}
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
