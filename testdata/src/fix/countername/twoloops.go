package countername

import "time"

// Sync pushes, then pulls, each up to three times, 10ms apart. The first
// loop's counter is named retry, and the second fix stands in its scope: had
// the first fix failed, its counter would stay and hide the package there,
// so the import keeps out of its way.
func Sync(push, pull func() error) error {
	var retry int
	var err error
	for retry < 3 { // want `^hand-rolled retry loop \(3 attempts, constant delay of 10ms\)`
		if err = push(); err == nil {
			break
		}
		retry++
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		return err
	}
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 10ms\)`
		if err = pull(); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return err
}
