// Package until loops while time.Until reports time left.
package until

import "time"

type Probe interface{ Check() error }

func ready(p Probe, deadline time.Time) error {
	var err error
	for time.Until(deadline) > 0 { // want `^hand-rolled retry loop \(until deadline, constant delay of 200ms\)`
		if err = p.Check(); err == nil {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return err
}
