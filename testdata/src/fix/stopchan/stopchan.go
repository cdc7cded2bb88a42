// Package stopchan retries with a stop channel beside the timer: a channel
// that ends the retries as a context would, looked at during each wait or
// before each attempt.
package stopchan

import (
	"errors"
	"time"
)

// Status is how a process ended.
type Status struct{ Code int }

// Halt signals a process up to four times, 1s, 4s and 16s apart, and stops
// asking once it reports its own exit on exited: the status it sent is the
// result. After the last signal it does not wait.
func Halt(signal func() error, exited <-chan Status) (*Status, error) {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		if err = signal(); err == nil {
			return nil, nil
		}
		if i == 3 {
			break
		}
		select {
		case st := <-exited:
			return &st, nil
		case <-time.After(time.Second << (2 * i)):
		}
	}
	return nil, err
}

var errClosed = errors.New("closed")

// Drain writes out the buffer again, 200ms apart, until it works or the
// writer is closed.
func Drain(flush func() error, closed <-chan struct{}) error {
	for { // want `hand-rolled retry loop`
		err := flush()
		if err == nil {
			return nil
		}
		select {
		case <-closed:
			return errClosed
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// Conn is an open connection.
type Conn interface{ Close() error }

// ErrNoSocket says that the socket file a server creates when it is ready
// is not there yet.
var ErrNoSocket = errors.New("no socket")

// Await dials while the socket is not there yet, 10ms apart, until quit is
// closed; quit is looked at before every dial, and the pause does not
// listen to it.
func Await(dial func() (Conn, error), quit <-chan struct{}) (Conn, error) {
	for { // want `hand-rolled retry loop`
		select {
		case <-quit:
			return nil, errClosed
		default:
		}
		c, err := dial()
		if errors.Is(err, ErrNoSocket) {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		return c, err
	}
}

// AwaitFor is Await within a time limit: the channel time.After gives,
// made once before the loop, is a stop channel too.
func AwaitFor(dial func() (Conn, error), limit time.Duration) (Conn, error) {
	expired := time.After(limit)
	for { // want `hand-rolled retry loop`
		select {
		case <-expired:
			return nil, errors.New("socket never appeared")
		default:
		}
		c, err := dial()
		if err != nil {
			if errors.Is(err, ErrNoSocket) {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			return nil, err
		}
		return c, nil
	}
}

// Result is what a dial in the background gives.
type Result struct {
	Conn Conn
	Err  error
}

// Spawn dials in the background while the socket is not there yet, until
// quit is closed, and hands over what the last dial gave on out, which it
// closes when done: the select at the top holds the whole pass.
func Spawn(dial func() (Conn, error), quit <-chan struct{}, out chan<- Result) {
	go func() {
		defer close(out)
		for { // want `hand-rolled retry loop`
			select {
			case <-quit:
				return
			default:
				c, err := dial()
				if errors.Is(err, ErrNoSocket) {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				out <- Result{c, err}
				return
			}
		}
	}()
}

// pause waits for d, or until stop is closed; it reports the latter.
func pause(stop <-chan struct{}, d time.Duration) bool { // want pause:"waits"
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return false
	case <-stop:
		return true
	}
}

// Publish sends again, a second apart, until it works or stop is closed:
// the pause is a helper that reports a stop.
func Publish(send func() error, stop <-chan struct{}) error {
	for { // want `hand-rolled retry loop`
		err := send()
		if err == nil {
			return nil
		}
		if pause(stop, time.Second) {
			return errClosed
		}
	}
}
