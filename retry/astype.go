package retry

// asType is errors.AsType, which arrived in Go 1.26: the module supports
// Go 1.25 too, so that depending on it never raises a user's go directive
// past the previous release. errors.As would do, but its target escapes: an
// allocation on every failed attempt, where Do makes none. Like errors.As,
// it walks the tree of Unwrap() error and Unwrap() []error, depth first,
// and asks an error's As method.
func asType[E error](err error) (E, bool) {
	var zero E
	for err != nil {
		if e, ok := err.(E); ok {
			return e, true
		}
		if x, ok := err.(interface{ As(any) bool }); ok {
			var e E
			if x.As(&e) {
				return e, true
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				if e, ok := asType[E](inner); ok {
					return e, true
				}
			}
			return zero, false
		default:
			return zero, false
		}
	}
	return zero, false
}
