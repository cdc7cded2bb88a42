// Package mathpow computes the backoff with math.Pow.
package mathpow

import (
	"math"
	"time"
)

type Uploader interface{ Upload(path string) error }

func upload(u Uploader, path string) error {
	const tries = 6
	var err error
	for i := 0; i < tries; i++ { // want `^hand-rolled retry loop \(6 attempts, exponential backoff from 1s\)`
		err = u.Upload(path)
		if err == nil {
			return nil
		}
		time.Sleep(time.Duration(math.Pow(2, float64(i))) * time.Second)
	}
	return err
}
