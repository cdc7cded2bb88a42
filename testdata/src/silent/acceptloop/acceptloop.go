// Package acceptloop backs off on temporary accept errors, as servers do; a
// success serves the connection and goes on accepting.
package acceptloop

import (
	"errors"
	"net"
	"time"
)

func serve(l net.Listener, handle func(net.Conn)) error {
	var delay time.Duration
	for {
		c, err := l.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				if delay == 0 {
					delay = 5 * time.Millisecond
				} else {
					delay *= 2
				}
				delay = min(delay, time.Second)
				time.Sleep(delay)
				continue
			}
			return err
		}
		delay = 0
		go handle(c)
	}
}
