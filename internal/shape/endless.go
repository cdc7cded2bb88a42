package shape

// Telling that a run of the machine goes round the same iteration forever.

import "maps"

// repeatWatch follows the states in which the main path of a run enters
// its iterations, to tell when it enters one as it entered the last: the
// machine is deterministic, so from there on every iteration does what
// that one did, and no run of any length ever leaves the loop on its
// count.
type repeatWatch struct {
	last *state // a snapshot of the state entering the last iteration
	// same counts the iterations in a row entered as the one before.
	same int
}

// see records s, the state in which the main path enters its next
// iteration (its events already moved to the history).
func (w *repeatWatch) see(s *state) {
	if w.last != nil && sameEntry(w.last, s) {
		w.same++
	} else {
		w.same = 0
	}
	w.last = s.clone() // s and the snapshot share their maps, copied on write
}

// endless reports whether the run went round the same iteration twice in a
// row. Once is not enough: an iteration's exits that leave before its
// operation read the events of the iteration before (see exitOf), so the
// iterations are the same from the second one entered the same way on.
func (w *repeatWatch) endless() bool {
	return w != nil && w.same >= 2
}

// sameEntry reports whether two states entering an iteration make the
// machine do the same: everything the machine reads of a state is equal,
// except the number of attempts made, which it only counts, and the
// attempt each assumption was made in, which it never reads.
func sameEntry(a, b *state) bool {
	if a.outcome != b.outcome || a.later != b.later || a.lastCond != b.lastCond || len(a.events) > 0 || len(b.events) > 0 {
		return false
	}
	if !maps.Equal(a.env, b.env) || len(a.assume) != len(b.assume) {
		return false
	}
	for text, x := range a.assume {
		y, ok := b.assume[text]
		if !ok || x.val != y.val || x.kind != y.kind || x.expr != y.expr {
			return false
		}
	}
	return true
}

// skipped counts, for the tests, the work the shortcuts skipped: the
// candidates endlessDropped dropped, the runs halt stopped.
type skipped struct{ endless, halted int }

// endlessDropped reports whether the retry that the loop of lc would make
// with c as its operation is one that Find drops (Retry.dropped), as its
// short run mc, which made trace t, shows: a loop that goes round the same
// iteration forever, waits for nothing, and is outside a function named
// for retrying.
//
// It is exact, not a guess. A run that went round the same iteration twice
// goes round it forever, in the forty-attempt run, the one that follows 256
// and any longer one alike: so they end as this one did, with no exit on
// the count, and with the exits, the flags and the main path of the
// iterations this run made, the last one repeated; or they reach the
// machine's step limit, stuck, which study drops. So the retry read off
// this trace is nil when the one read off theirs is, and it is dropped
// when that one is: what read returns nil for, and what dropped reads (an
// unbounded loop, a wait on a context or another channel, an exit on the
// end of a context or on a channel, a give-up test that passes a context),
// are all whether a trace has an exit, an event or a flag of some kind,
// never how many. What the machine does
// must not depend on a wait it has not met yet: controls reads the waits
// found so far, so none may be known.
func (m *matcher) endlessDropped(lc *loopCtx, c *opCand, mc *machine, t *trace, hasWaits bool) bool {
	if m.opts.exhaustive || !mc.repeat.endless() || t.end != nil || t.stuck != nil || m.isRetryFunc(lc.fn) {
		return false
	}
	for _, w := range lc.waits {
		if w != nil {
			return false
		}
	}
	if r := m.read(lc, c, mc, t, hasWaits); r != nil && !r.dropped(m.info) {
		return false
	}
	if m.opts.skipped != nil {
		m.opts.skipped.endless++
	}
	return true
}
