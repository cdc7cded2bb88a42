package refuse

import (
	"log"
	"time"
)

// configSource serves the configuration a service starts with.
type configSource struct {
	load    func() error
	prepare func() error
}

// The work before each attempt ends the process when it fails: that is no
// error of the operation, which the rewrite could test again after the
// call, and the closure can only return.
func (c *configSource) mustLoad() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the loop ends the program on some path$`
		if perr := c.prepare(); perr != nil {
			log.Fatalf("prepare config: %v", perr)
		}
		if err = c.load(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
