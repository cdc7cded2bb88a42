package refuse

import (
	"log"
	"time"
)

type dnsZone struct{}

func transferZone(z *dnsZone) error { return nil }

// waitOrShutdown waits for d, or until shutdown closes; it reports the latter.
func waitOrShutdown(shutdown <-chan struct{}, d time.Duration) bool { // want waitOrShutdown:"waits"
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return false
	case <-shutdown:
		return true
	}
}

// keepTransferring transfers a zone until it succeeds, doubling the pause
// up to a cap; the pause is a helper that also returns early, reporting it,
// when the shutdown channel closes, and the loop then gives up. The helper
// is the loop's wait and the shutdown channel its bound, which
// retry.WaitsEndOn would keep (see testdata/src/fix/stopchan); but the log
// before the pause reads the delay that the code after it doubles, and that
// code stays between the wait and the next attempt.
func keepTransferring(z *dnsZone, shutdown <-chan struct{}) {
	d := 250 * time.Millisecond
	for { // want `^hand-rolled retry loop \(exponential backoff from 250ms capped at 10s\) can be replaced by retry.Do; no automatic fix: code runs between the wait and the next attempt$`
		err := transferZone(z)
		if err == nil {
			break
		}
		log.Printf("transferZone failed, retrying in %s: %v", d, err)
		if waitOrShutdown(shutdown, d) {
			return
		}
		d *= 2
		if d > 10*time.Second {
			d = 10 * time.Second
		}
	}
	log.Print("dnsZone transferred")
}
