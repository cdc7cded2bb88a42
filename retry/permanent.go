package retry

// Permanent marks err as not worth retrying: when the operation returns Permanent(err), Do
// stops and returns err itself, without the marker. When the marker is deeper in the chain
// (fmt.Errorf("...: %w", Permanent(err))), Do stops and returns the operation's error as it
// is. Permanent(nil) is nil. The marked error's message is err's, and errors.Is/As see err.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err: err}
}

// IsPermanent reports whether err's chain holds a Permanent marker.
func IsPermanent(err error) bool {
	_, ok := asType[*permanentError](err)
	return ok
}

// permanentError is the marker Permanent wraps errors in.
type permanentError struct{ err error }

var _ interface {
	error
	Unwrap() error
} = (*permanentError)(nil)

// Error reads like the wrapped error, so that marking an error does not change its message.
func (e *permanentError) Error() string { return e.err.Error() }

// Unwrap lets errors.Is and errors.As see the wrapped error.
func (e *permanentError) Unwrap() error { return e.err }

// unmarkPermanent returns (the error Do should return, true) when err is permanent.
func unmarkPermanent(err error) (error, bool) {
	if p, ok := err.(*permanentError); ok {
		return p.err, true
	}
	return err, IsPermanent(err)
}
