package refuse

import "time"

// replicaSet reads from whichever replica it picks.
type replicaSet struct {
	pick   func() string
	prefer func(addr string)
	get    func(addr, key string) ([]byte, error)
}

// Each attempt picks a replica, and success remembers the one that
// answered: addr lives in the attempt, which the closure holds, and no
// longer exists where the code after retry.Do runs.
func (r *replicaSet) read(key string) ([]byte, error) {
	var v []byte
	var err error
	for i := 0; i < 3; i++ { // want `no automatic fix: an exit uses a value computed in the attempt$`
		addr := r.pick()
		v, err = r.get(addr, key)
		if err == nil {
			r.prefer(addr)
			return v, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, err
}
