package refuse

import "time"

type peer struct{}

// The dial reports a failure by returning nil, not an error: retry.Do's
// operation returns an error, and which error a nil becomes is the
// author's to name.
func dialPeer(dial func() *peer) *peer {
	for i := 0; i < 3; i++ { // want `no automatic fix: the operation returns no error: a nil or false result is its failure$`
		if c := dial(); c != nil {
			return c
		}
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	return nil
}
