package refuse

import "time"

// sleep is a seam that tests replace to run without waiting.
var sleep = time.Sleep // want sleep:"waits"

// The wait goes through sleep: a test that replaces it would no longer
// control the rewrite's waits, which retry.Do makes itself.
func openSession(open func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the wait goes through a variable that tests may replace$`
		if err = open(); err == nil {
			return nil
		}
		sleep(time.Second)
	}
	return err
}
