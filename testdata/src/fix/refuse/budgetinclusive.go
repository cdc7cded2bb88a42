package refuse

import "time"

// With <= an attempt may start when exactly 30s have passed; retry.MaxElapsed
// starts none once the budget is spent.
func registerNode(register func() error) error {
	start := time.Now()
	var err error
	for time.Since(start) <= 30*time.Second { // want `no automatic fix: the time budget lets an attempt start exactly at its end$`
		if err = register(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
