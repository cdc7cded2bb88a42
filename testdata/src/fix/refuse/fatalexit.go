package refuse

import (
	"errors"
	"log"
	"time"
)

var errBadConfig = errors.New("bad config")

// configSource serves the configuration a service starts with.
type configSource struct{ load func() error }

// A bad configuration ends the process from inside the loop: the rewrite
// only carries exits that return to the caller.
func (c *configSource) mustLoad() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the loop ends the program on some path$`
		if err = c.load(); err == nil {
			return nil
		}
		if errors.Is(err, errBadConfig) {
			log.Fatalf("config: %v", err)
		}
		time.Sleep(time.Second)
	}
	return err
}
