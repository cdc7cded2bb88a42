package pkgclash

import "time"

// Ping pings up to three times, a second apart.
func Ping(ping func() error) error {
	var err error
	for i := 0; i < 3; i++ { // want `hand-rolled retry loop`
		if err = ping(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// PingOnce uses the package's own helper.
func PingOnce(ping func() error) error { return retry(1, ping) }
