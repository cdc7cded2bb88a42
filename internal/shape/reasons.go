package shape

// Reason is why a retry gets no automatic fix: a few lowercase words that
// complete "no automatic fix: ...". Every reason is one of the constants
// below, so that docs/fixes.md and the refusal fixtures can list them all.
type Reason string

// NoReason means a rewrite can keep what the code does.
const NoReason Reason = ""

// The reasons, grouped by the part of the retry they are about.
const (
	// the operation and its outcome
	ReasonResultSuccess  Reason = "success also depends on the operation's results"
	ReasonNoError        Reason = "the operation returns no error: a nil or false result is its failure"
	ReasonOwnCondition   Reason = "the loop leaves on a condition of its own"
	ReasonClassUnknown   Reason = "the test of the error reads more than the error"
	ReasonMultiPath      Reason = "some failures are retried differently from others"
	ReasonSuccessVaries  Reason = "what the code does on success depends on the attempt"
	ReasonGiveUpVaries   Reason = "what the code does on an error it gives up on depends on the attempt"
	ReasonLastGivesUp    Reason = "the last attempt gives up differently from the others"
	ReasonOpAfterLoop    Reason = "the code after the loop calls the operation again"
	ReasonNoReturnExit   Reason = "the loop ends the program on some path"
	ReasonOtherChannel   Reason = "the wait also listens to another channel"
	ReasonStopChannel    Reason = "the loop stops when a channel that is not a context is ready"
	ReasonDefer          Reason = "a defer inside the loop would run after each attempt"
	ReasonRecover        Reason = "the loop calls recover"
	ReasonGoto           Reason = "the function uses goto"
	ReasonRecursion      Reason = "the function retries by calling itself"
	ReasonLeavesOuter    Reason = "a labelled break leaves to an outer loop"
	ReasonPreExit        Reason = "work before the call may end the loop"
	ReasonNeverRuns      Reason = "the loop never runs"
	ReasonTypeUnwritable Reason = "the type of the operation's value cannot be written here"
	ReasonGiveUpFalls    Reason = "an error the code gives up on goes on after the loop while the exhausted attempts return"
	ReasonExitLocal      Reason = "an exit uses a value computed in the attempt"
	ReasonNameTaken      Reason = "a result's name is taken where the loop stands"
	ReasonFirstApart     Reason = "code runs between the first attempt and the loop"
	ReasonConcreteErr    Reason = "the operation's error is not an interface type: its zero value would be a non-nil error"
	ReasonWalk           Reason = "each attempt walks a list"
	ReasonStepRetried    Reason = "a later call of the attempt can fail, and is retried too"

	// the bound
	ReasonLimitUnknown    Reason = "the attempt limit is not understood"
	ReasonLimitCall       Reason = "the attempt limit is a call the loop makes again before each attempt"
	ReasonCounterAfter    Reason = "the counter is used after the loop"
	ReasonCounterCaptured Reason = "a function literal captures the counter"
	ReasonCounterRead     Reason = "the counter is read in a way the rewrite cannot keep"
	ReasonBudgetStart     Reason = "the time budget does not start right before the loop"
	ReasonBudgetForm      Reason = "the time budget is not understood"
	ReasonBudgetInclusive Reason = "the time budget lets an attempt start exactly at its end"

	// the wait and the schedule
	ReasonWaitFirst    Reason = "the loop waits before the first attempt"
	ReasonWaitSome     Reason = "the loop waits after some failures only"
	ReasonTwoWaits     Reason = "the loop waits in more than one place"
	ReasonDelayUnknown Reason = "the delay of the wait is not known"
	ReasonChannelWait  Reason = "the loop waits on a channel that is not a timer it knows"
	ReasonTicker       Reason = "the loop waits for a ticker, which starts the attempts at a fixed rate"
	ReasonDelayState   Reason = "the delay keeps state between attempts in a way the rewrite cannot follow"
	ReasonDelayUsed    Reason = "the computed delay is also used for something else"
	ReasonDelayNoWait  Reason = "the delay is computed on attempts that do not wait"
	ReasonDelayResult  Reason = "the delay depends on a value the attempt computes"
	ReasonWaitCtxOther Reason = "the wait watches a context the operation does not get"
	ReasonInterrupt    Reason = "the code does something the rewrite cannot keep when the context ends"
	ReasonHelperStops  Reason = "the wait helper stops early when the context ends"
	ReasonHelperVar    Reason = "the wait goes through a variable that tests may replace"
	ReasonOwnCtxCheck  Reason = "the loop asks its context whether it ended with a method of its own"
	ReasonWaitDeaf     Reason = "the loop tests its context, but its wait does not watch it"

	// side work
	ReasonAfterWait     Reason = "code runs between the wait and the next attempt"
	ReasonSideSome      Reason = "work after a failure runs on some attempts only"
	ReasonSideSets      Reason = "work after a failure sets a variable the code reads afterwards"
	ReasonMirrorWrapped Reason = "a copy of the error is changed before it is kept"
	ReasonSideOrder     Reason = "work after a failure must run before a delay that draws, and cannot"
)

// Change is a deliberate difference a rewrite makes, named in its message.
type Change string

// The deliberate changes.
const (
	// ChangeFinalSleep: the loop paused after its last attempt, for nothing;
	// the rewrite does not.
	ChangeFinalSleep Change = "no pause after the last attempt"
	// ChangeMinOne: a limit that is not a constant may allow no attempt at
	// all; the rewrite always makes one.
	ChangeMinOne Change = "one attempt even when the limit allows none"
	// ChangeDeadline: the rewrite gives up at once when the next wait would
	// outlast the context's deadline, where the loop waited for the end.
	ChangeDeadline Change = "gives up at once when the next wait would outlast the context's deadline"
	// ChangeScopeCtx: with -scopectx, the waits stop when the context in
	// scope ends.
	ChangeScopeCtx Change = "stops waiting when the context in scope ends"
)

// refuse records the first reason a retry gets no fix.
func (r *Retry) refuse(why Reason) {
	if r.NoFix == NoReason {
		r.NoFix = why
	}
}

// change records a deliberate change, once.
func (r *Retry) change(c Change) {
	for _, x := range r.Changes {
		if x == c {
			return
		}
	}
	r.Changes = append(r.Changes, c)
}

// Reasons lists every reason for no fix, for docs and tests.
func Reasons() []Reason {
	return []Reason{
		ReasonResultSuccess,
		ReasonNoError,
		ReasonOwnCondition,
		ReasonClassUnknown,
		ReasonMultiPath,
		ReasonSuccessVaries,
		ReasonGiveUpVaries,
		ReasonLastGivesUp,
		ReasonOpAfterLoop,
		ReasonNoReturnExit,
		ReasonOtherChannel,
		ReasonStopChannel,
		ReasonDefer,
		ReasonRecover,
		ReasonGoto,
		ReasonRecursion,
		ReasonLeavesOuter,
		ReasonPreExit,
		ReasonNeverRuns,
		ReasonTypeUnwritable,
		ReasonGiveUpFalls,
		ReasonExitLocal,
		ReasonNameTaken,
		ReasonFirstApart,
		ReasonConcreteErr,
		ReasonWalk,
		ReasonStepRetried,
		ReasonLimitUnknown,
		ReasonLimitCall,
		ReasonCounterAfter,
		ReasonCounterCaptured,
		ReasonCounterRead,
		ReasonBudgetStart,
		ReasonBudgetForm,
		ReasonBudgetInclusive,
		ReasonWaitFirst,
		ReasonWaitSome,
		ReasonTwoWaits,
		ReasonDelayUnknown,
		ReasonChannelWait,
		ReasonTicker,
		ReasonDelayState,
		ReasonDelayUsed,
		ReasonDelayNoWait,
		ReasonDelayResult,
		ReasonWaitCtxOther,
		ReasonInterrupt,
		ReasonHelperStops,
		ReasonHelperVar,
		ReasonOwnCtxCheck,
		ReasonWaitDeaf,
		ReasonAfterWait,
		ReasonSideSome,
		ReasonSideSets,
		ReasonMirrorWrapped,
		ReasonSideOrder,
	}
}

// Changes lists every deliberate change, for docs and tests.
func Changes() []Change {
	return []Change{ChangeFinalSleep, ChangeMinOne, ChangeDeadline, ChangeScopeCtx}
}
