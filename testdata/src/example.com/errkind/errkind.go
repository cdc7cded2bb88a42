// Package errkind stands for a package of error predicates (an errdefs):
// to the matcher, functions of another package whose bodies it does not
// read.
package errkind

import "errors"

// ErrTaken and ErrMissing are the kinds the predicates tell.
var (
	ErrTaken   = errors.New("taken")
	ErrMissing = errors.New("missing")
)

// IsTaken reports whether err says the name is taken.
func IsTaken(err error) bool { return errors.Is(err, ErrTaken) }

// IsMissing reports whether err says the thing is not there.
func IsMissing(err error) bool { return errors.Is(err, ErrMissing) }
