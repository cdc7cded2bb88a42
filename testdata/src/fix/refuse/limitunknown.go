package refuse

import "time"

// replicaPool sends to its replicas in turn.
type replicaPool struct {
	replicas int
	send     func(msg []byte) error
}

// Each replica is tried twice: the number of attempts grows twice as fast as
// the limit it is written with, which the matcher does not follow.
func (p *replicaPool) broadcast(msg []byte) error {
	var err error
	for i := 0; i < 2*p.replicas; i++ { // want `no automatic fix: the attempt limit is not understood$`
		if err = p.send(msg); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
