package refuse

import "time"

type peer struct{ addr string }

// The dial reports a failure by returning nil, not an error, and every
// attempt notes what it got before testing it: the closure would have to
// keep that note between the call and the nil it turns into an error.
func dialPeer(dial func() *peer, note func(*peer)) *peer {
	for i := 0; i < 3; i++ { // want `no automatic fix: the operation returns no error: a nil or false result is its failure$`
		c := dial()
		note(c)
		if c != nil {
			return c
		}
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	return nil
}
