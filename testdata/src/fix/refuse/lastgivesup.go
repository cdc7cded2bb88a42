package refuse

import (
	"errors"
	"fmt"
	"time"
)

var errReadOnly = errors.New("store is read-only")

// blobStore writes blobs to a store that may turn read-only.
type blobStore struct {
	write func(key string, val []byte) error
}

// The bound is tested before the error: on the last attempt a read-only
// store is reported as running out of attempts. After retry.Do the code
// could only test the error, and would return it bare.
func (s *blobStore) put(key string, val []byte) error {
	var err error
	for attempt := 1; ; attempt++ { // want `no automatic fix: the last attempt gives up differently from the others$`
		err = s.write(key, val)
		if err == nil {
			return nil
		}
		if attempt == 3 {
			return fmt.Errorf("put %s: giving up: %w", key, err)
		}
		if errors.Is(err, errReadOnly) {
			return err
		}
		time.Sleep(time.Second)
	}
}
