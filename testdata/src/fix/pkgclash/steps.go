// Package pkgclash declares, in another file, a function named retry: the
// import the fix adds must take another name. The function itself retries at
// once, and is rewritten too.
package pkgclash

// retry runs f until it succeeds, at most n times.
func retry(n int, f func() error) (err error) { // want `^hand-rolled retry function retry \(n attempts, no delay\)`
	for range n {
		if err = f(); err == nil {
			return nil
		}
	}
	return err
}
