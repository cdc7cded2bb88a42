package refuse

import (
	"errors"
	"time"
)

var errNoConfig = errors.New("no configuration stored")

// serviceConfig is what a service reads at start.
type serviceConfig struct{ fromEnv bool }

func (c *serviceConfig) applyEnv() { c.fromEnv = true }

// A missing configuration falls back to the defaults and goes on after the
// loop, while running out of attempts returns: after retry.Do the two would
// have to be told apart by the error, and the fallback be moved out of the
// loop.
func loadServiceConfig(fetch func() (*serviceConfig, error)) (*serviceConfig, error) {
	var cfg *serviceConfig
	var err error
	for attempt := 1; ; attempt++ { // want `no automatic fix: an error the code gives up on goes on after the loop while the exhausted attempts return$`
		cfg, err = fetch()
		if err == nil {
			break
		}
		if errors.Is(err, errNoConfig) {
			cfg = &serviceConfig{}
			break
		}
		if attempt == 3 {
			return nil, err
		}
		time.Sleep(time.Second)
	}
	cfg.applyEnv()
	return cfg, nil
}
