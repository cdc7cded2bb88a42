package refuse

import "time"

// Poller reads a device that answers "busy" for a moment.
type Poller struct {
	Retries int // how many times to try again; 0 by default
	read    func() error
}

// The loop counts retries and the last try is the call after it: with the
// default of 0 retries the loop makes no call, where retry.Do would make one
// before the final call.
func (p *Poller) readAll() error {
	for retry := 0; retry < p.Retries; retry++ { // want `no automatic fix: the code after the loop calls the operation again$`
		err := p.read()
		if err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return p.read()
}
