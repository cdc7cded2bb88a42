// Package nextcandidate walks candidates that a source hands out one at a
// time: each pass calls the operation on another one, which is failover,
// not a retry of the same call.
package nextcandidate

import "errors"

var errNone = errors.New("no reachable candidate")

type Source interface{ Next() (string, error) }

type Conn interface{ Dial(addr string) error }

func firstReachable(c Conn, src Source) error {
	addr, err := src.Next()
	if err != nil {
		return err
	}
	for range 5 {
		if err = c.Dial(addr); err == nil {
			return nil
		}
		addr, err = src.Next()
		if err != nil {
			return err
		}
	}
	return errNone
}

// drainN takes up to n items, handling each; a failed take asks for the
// next item's number and goes on with it.
func drainN(take func(seq int) error, after func(seq int) (int, error), n int) error {
	seq := 0
	var err error
	for range n {
		if err = take(seq); err == nil {
			return nil
		}
		seq, err = after(seq)
		if err != nil {
			return err
		}
	}
	return err
}
