// Package breakout leaves with break and inspects err after the loop.
package breakout

import (
	"fmt"
	"os/exec"
	"time"
)

func gitFetch(dir string) error {
	var (
		out []byte
		err error
	)
	for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, linear backoff from 5s\)`
		cmd := exec.Command("git", "fetch", "--all")
		cmd.Dir = dir
		out, err = cmd.CombinedOutput()
		if err == nil {
			break
		}
		time.Sleep(time.Duration(i+1) * 5 * time.Second)
	}
	if err != nil {
		return fmt.Errorf("git fetch: %w: %s", err, out)
	}
	return nil
}
