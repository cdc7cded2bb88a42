// Package refuse holds loops the analyzer reports and the fixer leaves
// alone, one file per reason: each rewrite would change what the code does,
// and the report says why in a few words.
package refuse

import (
	"errors"
	"net/http"
)

var errDown = errors.New("down")

func op() error { return errDown }

// mirror serves files over HTTP. Its method is declared here so that
// typeunwritable.go can call it without importing net/http.
type mirror struct{ c *http.Client }

func (m *mirror) get(path string) (*http.Response, error) { return m.c.Get(path) }
