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
// with c as its operation is one Find drops, as its short run mc, which
// made trace t, shows: a loop that nothing but a success ends, which waits
// for nothing and watches no context, outside a function named for
// retrying (Find keeps an unbounded retry only with a score of 4 or more,
// and score gives an unbounded one 4 only for a wait on a context or
// another channel, or an exit on the end of a context).
//
// It is exact, not a guess: a run that went round the same iteration twice
// goes round it forever, in the forty-attempt run and the one that follows
// 256 alike, so they end as this one did, with no exit on the count (the
// bound is Unbounded), and with the exits and the main path of the
// iterations this run made, repeated; so without a wait event (no Wait)
// and without a context's end (no Exits.Interrupted) there too; a longer
// run that reaches the machine's step limit is stuck, which study drops as
// well. What the machine does must not depend on a wait it has not met
// yet: controls reads the waits found so far, so none may be known.
func (m *matcher) endlessDropped(lc *loopCtx, mc *machine, t *trace) bool {
	if m.opts.exhaustive || !mc.repeat.endless() || t.end != nil || t.stuck != nil || m.isRetryFunc(lc.fn) {
		return false
	}
	for _, w := range lc.waits {
		if w != nil {
			return false
		}
	}
	if watchesCtx(t.main) {
		return false
	}
	for i := range t.exits {
		e := &t.exits[i]
		if watchesCtx(e.events) || watchesCtx(e.iter) {
			return false
		}
		for _, a := range e.assume {
			if a.kind == ctxAtom {
				return false
			}
		}
	}
	if m.opts.skipped != nil {
		m.opts.skipped.endless++
	}
	return true
}

// watchesCtx reports whether a path forked on the end of a context.
func watchesCtx(evs []*event) bool {
	for _, ev := range evs {
		if ev.kind == forkEvent && ev.av.kind == ctxAtom {
			return true
		}
	}
	return false
}
