// Package shape finds hand-rolled retries and reads each into one model, a
// Retry (model.go): the operation, how its failures are told apart, the
// bound, the wait and its schedule, the work each attempt does besides the
// call, and every exit. The analyzer's message (describe.go), the fixer's
// rewrite (internal/fixer) and the inventory (internal/inventory) are
// renderings of that one value; none of them looks at the loop again for a
// fact the model holds.
//
// How a loop is read:
//
//   - Find (find.go) takes candidate loops, those whose body assigns the
//     error of a call or waits (decls.go narrows the package to the
//     declarations holding one), and the functions named for retrying
//     (recursion.go).
//   - For each call the loop tests the error of (opcand.go), a machine
//     (machine.go, atoms.go, switches.go, steps.go) runs the loop on
//     abstract values: known constants and counters, stand-ins for unknowns,
//     and atoms for conditions it cannot compute, on which a path forks.
//     An operation's outcome stays pending until the code first tests its
//     error. The paths and their exits make a trace (trace.go).
//   - study (attempt.go) decides whether the trace is a retry of that call:
//     it goes on after a failure of the call itself and stops on a success;
//     then reads the bound (bound.go), the waits (readwait.go) and their
//     schedule (schedule.go, delayvars.go), the side work (side.go), the
//     work before the call (before.go) and the exits and classes
//     (exits.go). Whatever a rewrite could not keep is a Reason
//     (reasons.go), recorded on the Retry as NoFix; everything else is exact.
//
// Where a new kind goes, one place each:
//
//   - A wait kind: its WaitKind in model.go; recognising it in waitOf
//     (wait.go), with its setup statements and the context it watches; its
//     branches, if it is a select of some sort, in runWait (steps.go); its
//     words in describe.go; how the fixer drops it, in internal/fixer.
//   - A bound kind: its BoundKind in model.go; reading it off the trace in
//     bound.go (attempt.go calls it); its words in describe.go (BoundText),
//     which the inventory uses too; the option that writes it in
//     internal/fixer/options.go.
//   - A schedule kind: its ScheduleKind in model.go; naming it from the
//     simulated delays in schedule.go (named, formula); its words in
//     describe.go (ScheduleText, DelayText); its option in
//     internal/fixer/options.go. The consistency test of internal/fixer
//     fails when a message names a schedule its fix does not write.
//   - A reason for no fix: a Reason in reasons.go, listed in its order
//     there; a refusal fixture under testdata/src/fix/refuse (a test fails
//     without one) and a line in docs/fixes.md (a test fails without it).
package shape
