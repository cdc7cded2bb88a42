// Package iterate holds loops that call something and test its error on
// every pass, but go on only after a success: they walk a sequence, they do
// not retry.
package iterate

import "bytes"

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
