package refuse

import (
	"errors"
	"time"
)

var (
	errNoSuchKey   = errors.New("no such key")
	errKeyVanished = errors.New("key vanished between attempts")
)

// kvClient reads from a replicated key-value store.
type kvClient struct {
	get func(key string) ([]byte, error)
}

// A missing key comes back as it is on the first attempt and as another
// error on a later one: once retry.Do has returned, the code cannot tell
// which attempt gave up.
func (c *kvClient) lookup(key string) ([]byte, error) {
	var v []byte
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: what the code does on an error it gives up on depends on the attempt$`
		if v, err = c.get(key); err == nil {
			return v, nil
		}
		if errors.Is(err, errNoSuchKey) {
			if i > 0 {
				return nil, errKeyVanished
			}
			return nil, err
		}
		time.Sleep(200 * time.Millisecond)
	}
	return nil, err
}
