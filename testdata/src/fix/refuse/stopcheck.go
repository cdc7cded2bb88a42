package refuse

// These retry until a stop channel says to give up: the loop checks the
// channel, without blocking, before each attempt. The channel bounds the
// retries as a context would, and retry.Do only knows contexts.

import (
	"errors"
	"net"
	"syscall"
	"time"
)

// dialUntilStopped dials while the socket file does not exist yet, 10ms
// apart, until stop is closed.
func dialUntilStopped(addr string, stop <-chan struct{}) (net.Conn, error) {
	for { // want `^hand-rolled retry loop \(constant delay of 10ms\) can be replaced by retry\.Do; no automatic fix: the loop stops when a channel that is not a context is ready$`
		select {
		case <-stop:
			return nil, errors.New("stopped")
		default:
		}
		conn, err := net.Dial("unix", addr)
		if errors.Is(err, syscall.ENOENT) {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		return conn, err
	}
}

// dialWithin dials while the server refuses connections, 10ms apart, for
// ten seconds at most.
func dialWithin(addr string) (net.Conn, error) {
	timeout := time.After(10 * time.Second)
	for { // want `^hand-rolled retry loop \(constant delay of 10ms\) can be replaced by retry\.Do; no automatic fix: the loop stops when a channel that is not a context is ready$`
		select {
		case <-timeout:
			return nil, errors.New("timed out")
		default:
		}
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			if errors.Is(err, syscall.ECONNREFUSED) {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return nil, err
		}
		return conn, nil
	}
}
