// Package refuse holds loops the analyzer reports and the fixer leaves
// alone, one file per reason: each rewrite would change what the code does,
// and the report says why in a few words.
package refuse

import "errors"

var errDown = errors.New("down")

func op() error { return errDown }
