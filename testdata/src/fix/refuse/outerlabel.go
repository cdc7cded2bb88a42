package refuse

import "time"

// Success leaves the outer loop too: a closure cannot break a loop around
// it.
func outerLabel(jobs <-chan int) error {
	var err error
outer:
	for range jobs {
		for i := 0; i < 3; i++ { // want `no automatic fix: a labelled break leaves to an outer loop$`
			if err = op(); err == nil {
				break outer
			}
			time.Sleep(time.Second)
		}
		return err
	}
	return err
}
