// Package asyncsleep sleeps in goroutines it starts, never in the loop itself.
package asyncsleep

import "time"

type Task interface{ Run() error }

func start(t Task) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = t.Run(); err == nil {
			return nil
		}
		go func() {
			time.Sleep(time.Second)
		}()
	}
	return err
}
