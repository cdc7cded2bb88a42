package refuse

import "log"

// Load logs before every attempt, the first included, with its number: in
// the closure the log would have no counter to read, and in OnRetry it
// would miss the first attempt.
func Load(load func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the counter is read in a way the rewrite cannot keep$`
		log.Printf("attempt %d", i+1)
		if err = load(); err == nil {
			return nil
		}
	}
	return err
}
