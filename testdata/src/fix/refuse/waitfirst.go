package refuse

import "time"

// The loop pauses before every attempt, the first included, to give a
// sidecar that just started a moment: retry.Do makes its first attempt at
// once.
func callSidecar(call func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the loop waits before the first attempt$`
		time.Sleep(500 * time.Millisecond)
		if err = call(); err == nil {
			return nil
		}
	}
	return err
}
