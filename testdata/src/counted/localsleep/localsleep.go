// Package localsleep has its own Sleep that only records the request on a
// simulated clock: its loop never waits, so it retries at once.
package localsleep

import "time"

type Clock struct{ now time.Duration }

// Sleep advances the simulated clock.
func (c *Clock) Sleep(d time.Duration) { c.now += d }

var sim Clock

// Sleep is a package function with the same name as time.Sleep.
func Sleep(d time.Duration) { sim.now += d }

type Step interface{ Apply() error }

func replay(s Step) error {
	var err error
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, no delay\)`
		if err = s.Apply(); err == nil {
			return nil
		}
		Sleep(time.Second)
		sim.Sleep(time.Second)
	}
	return err
}
