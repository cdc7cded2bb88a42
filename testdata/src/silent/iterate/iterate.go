// Package iterate holds loops that call something and test its error on
// every pass, but go on only after a success: they walk a sequence, they do
// not retry.
package iterate

import (
	"bytes"
	"errors"
)

// Fields reads NUL-terminated fields until an empty one; a read error ends
// it.
func Fields(src []byte) ([]string, error) {
	buf := bytes.NewBuffer(src)
	var out []string
	for {
		k, err := buf.ReadByte()
		if err != nil {
			return nil, err
		}
		if k == 0 {
			break
		}
		v, err := buf.ReadBytes(0)
		if err != nil {
			return nil, err
		}
		out = append(out, string(k)+string(v[:len(v)-1]))
	}
	return out, nil
}

// Copy writes batches while the source has more; a failed build or write
// ends it.
func Copy(build func([]byte) (bool, []byte, error), write func([]byte) (int, error)) {
	var buf []byte
	more := true
	for more {
		var err error
		more, buf, err = build(buf)
		if err != nil {
			return
		}
		if len(buf) > 0 {
			if _, err = write(buf); err != nil {
				return
			}
		}
		buf = buf[:0]
	}
}

// ErrEnd marks the end of a stream.
var ErrEnd = bytes.ErrTooLarge

// Drain reads until the stream says it ended: the loop goes on after a
// success, and the sentinel ends it.
func Drain(next func() (string, error)) []string {
	var out []string
	for {
		s, err := next()
		if err == ErrEnd {
			return out
		}
		out = append(out, s)
	}
}

type page struct {
	leaf     bool
	overflow uint64
	items    []string
}

func readPage(id uint64) (*page, error) { return &page{leaf: id%2 == 0}, nil }

// Pages walks pages by their number: a page that fails to read is skipped,
// and the walk goes on after every page read, leaf or not. The counter picks
// the page, as an argument of the call.
func Pages(hwm uint64) []string {
	var out []string
	for id := uint64(2); id < hwm; {
		p, err := readPage(id)
		if err != nil {
			id++
			continue
		}
		if !p.leaf {
			id++
			continue
		}
		out = append(out, p.items...)
		id += p.overflow + 1
	}
	return out
}

var errDeleted = errors.New("deleted")

func lookup(seq uint64) (string, error) {
	if seq%3 == 0 {
		return "", errDeleted
	}
	return "m", nil
}

// Expire walks sequence numbers, skipping deleted ones and stopping at the
// first that fails otherwise or is recent enough to keep.
func Expire(first, last uint64, keep func(string) bool) uint64 {
	for seq := first; seq <= last; seq++ {
		m, err := lookup(seq)
		if err == errDeleted {
			continue
		}
		if err != nil || m == "" {
			return seq
		}
		if keep(m) {
			return seq
		}
	}
	return last + 1
}

// Publish sends its share of the messages: each publish is work of its own,
// and a failure is logged, not retried.
func Publish(total, producers int, send func(int) error) {
	for i := 0; i < total/producers; i++ {
		if err := send(i); err != nil {
			println(err.Error())
		}
	}
}
