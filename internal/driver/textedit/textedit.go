// Package textedit merges byte-offset edits of one file and applies them: the
// part of -fix and -diff that decides what a file becomes, before gofmt.
package textedit

import (
	"cmp"
	"fmt"
	"slices"
)

// Edit replaces the bytes [Start, End) of a file with New. Start == End is an
// insertion.
type Edit struct {
	Start, End int
	New        string
	// Label names where the edit comes from (a fix and its finding), for
	// error messages; it plays no part in comparing edits.
	Label string
}

// ConflictError reports two edits that cannot both be applied: their ranges
// overlap, or they insert different text at the same offset, so no order of
// application is the right one.
type ConflictError struct {
	A, B Edit
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("overlapping fixes: %s and %s", e.A.Label, e.B.Label)
}

// Merge sorts edits by position, drops exact duplicates (the same finding
// reported for a package and its test variant carries the same fix), and
// returns a *ConflictError for the first pair that overlaps.
func Merge(edits []Edit) ([]Edit, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	out := sorted[:0]
	var reach Edit // the kept edit that ends furthest; only it can overlap a later one
	for _, e := range sorted {
		if e.Start < 0 || e.End < e.Start {
			return nil, fmt.Errorf("invalid edit [%d, %d) from %s", e.Start, e.End, e.Label)
		}
		if n := len(out); n > 0 {
			prev := out[n-1]
			if prev.Start == e.Start && prev.End == e.End && prev.New == e.New {
				continue // duplicate
			}
			if e.Start < reach.End {
				return nil, &ConflictError{A: reach, B: e}
			}
			if prev.Start == prev.End && e.Start == e.End && prev.Start == e.Start {
				return nil, &ConflictError{A: prev, B: e}
			}
		}
		out = append(out, e)
		if len(out) == 1 || e.End > reach.End {
			reach = e
		}
	}
	return out, nil
}

// Apply returns src with merged edits applied. The edits must come from
// Merge (sorted, disjoint); an edit past the end of src is an error, which
// means the file changed after it was analysed.
func Apply(src []byte, merged []Edit) ([]byte, error) {
	out := make([]byte, 0, len(src))
	last := 0
	for _, e := range merged {
		if e.End > len(src) {
			return nil, fmt.Errorf("edit [%d, %d) from %s is beyond the end of the file (%d bytes)", e.Start, e.End, e.Label, len(src))
		}
		if e.Start < last {
			return nil, fmt.Errorf("edits are not merged: [%d, %d) starts before %d", e.Start, e.End, last)
		}
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}
