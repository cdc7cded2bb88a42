package refuse

import (
	"errors"
	"time"
)

var errConflict = errors.New("version conflict")

// docStore writes documents guarded by a version number.
type docStore struct{ put func(doc []byte) error }

// A conflict on the first attempt may come from a stale cache and is tried
// again; on a later one it ends the retries. The test reads the counter
// besides the error, which a predicate of the error cannot.
func (s *docStore) save(doc []byte) error {
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: the test of the error reads more than the error$`
		if err = s.put(doc); err == nil {
			return nil
		}
		if errors.Is(err, errConflict) && i > 0 {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}
