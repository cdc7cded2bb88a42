package refuse

import "time"

// A goto can jump anywhere; the closure would change where it lands.
func gotoLoop() error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the function uses goto$`
		if err = op(); err == nil {
			goto done
		}
		time.Sleep(time.Second)
	}
	return err
done:
	return nil
}
