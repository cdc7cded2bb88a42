package shape

import (
	"go/ast"
	"go/types"
	"time"
)

// Retry is one hand-rolled retry, as the matcher understood it: what is
// repeated, how its failures are told apart, what ends the retries, how long
// each wait is, what else every attempt does, and where the code goes on
// afterwards. The analyzer's message, the fixer's rewrite and the inventory
// are renderings of this one value.
//
// The matcher records only what it has checked. Where the code does something
// a rewrite could not keep, NoFix says so; everything else is exact.
type Retry struct {
	// Category is how the retry is reported.
	Category Category
	// Func is the function that holds the retry.
	Func Func
	// Loop is the loop that repeats the operation; nil when the function
	// retries by calling itself (Recursion).
	Loop *Loop
	// Recursion is the call by which a function calls itself again after a
	// failure; nil for loops.
	Recursion *ast.CallExpr

	// Op is the operation that is repeated.
	Op Op
	// Classes are the tests that tell a failure worth retrying from one that
	// ends the retries, in the order the code makes them.
	Classes []Class
	// Bound is what ends the retries when the operation keeps failing.
	Bound Bound
	// Wait is how the code waits between attempts; nil when it retries at once.
	Wait *Wait
	// Schedule is the delay between attempts.
	Schedule Schedule
	// Side is what each attempt does besides the operation and the wait
	// (logs, metrics), in the order it does it.
	Side []Side
	// Exits are the ways out of the retry and what each runs.
	Exits Exits
	// Scaffold are the statements (or the specs of a var block) outside the
	// loop that only serve the retry (attempt := 0, start := time.Now(),
	// delay := base, var lastErr error): a rewrite deletes them.
	Scaffold []ast.Node
	// Mirrors are variables that only copy the operation's error on every
	// failure (lastErr = err): they hold the last error wherever they are read.
	Mirrors []*types.Var

	// NoFix is why no rewrite can keep what the code does; NoReason when one
	// can.
	NoFix Reason
	// Changes are the deliberate differences a rewrite makes, which its
	// message names.
	Changes []Change
}

// Category is how a retry is reported: each has a page in docs/findings.
type Category int

const (
	// CountedLoop is a for loop whose header counts the attempts.
	CountedLoop Category = iota + 1
	// WhileCounter is a loop whose counter is declared before it, or a
	// for {} loop that counts inside.
	WhileCounter
	// TimeBudget is a loop bounded by elapsed time or a deadline.
	TimeBudget
	// RetryFunc is a function named for retrying (executeWithRetry) that
	// holds the retry, in a loop or by calling itself.
	RetryFunc
)

// Func is the function that holds a retry.
type Func struct {
	// Node is the *ast.FuncDecl or *ast.FuncLit.
	Node ast.Node
	// Name is the declared name, or "" for a function literal.
	Name string
	// Body is the function's body.
	Body *ast.BlockStmt
	// Sig is the function's signature.
	Sig *types.Signature
	// Ctx is the context.Context variable in scope at the retry that a
	// rewrite passes on (the one the operation uses, else the one named ctx);
	// nil when there is none.
	Ctx *types.Var
}

// Loop is the loop that repeats the operation.
type Loop struct {
	// Stmt is the *ast.ForStmt or *ast.RangeStmt.
	Stmt ast.Stmt
	// Labeled is the labelled statement around the loop, if any.
	Labeled *ast.LabeledStmt
	// Body is the loop body.
	Body *ast.BlockStmt
	// After are the statements that follow the loop in its block.
	After []ast.Stmt
	// Goto reports that the loop is a label and the gotos back to it
	// (again: err := op(); if err != nil { ...; goto again }): Stmt is then
	// a for statement the matcher made up, spanning the statements from the
	// label to the last goto, and Labeled the label.
	Goto bool
	// FirstBefore is the statement before the loop that makes the first
	// attempt (err := op(); for err != nil && ... { wait; err = op() }); nil
	// when every attempt is made in the loop.
	FirstBefore ast.Stmt
}

// Outer returns the statement that holds the whole loop: the labelled
// statement, or the loop.
func (l *Loop) Outer() ast.Stmt {
	if l.Labeled != nil {
		return l.Labeled
	}
	return l.Stmt
}

// Op is the operation a retry repeats.
type Op struct {
	// Call is the call of the operation.
	Call *ast.CallExpr
	// Stmt is the statement that makes the call and assigns its results:
	// v, err := op(), err = op(), or the if statement whose Init does so.
	Stmt ast.Stmt
	// Assign is the assignment that receives the results (Stmt itself, or
	// the Init of the if).
	Assign *ast.AssignStmt
	// Pre are the statements that every attempt runs before the call
	// (building a request): a rewrite keeps them in the closure.
	Pre []ast.Stmt
	// Guards are the if statements of Pre that return when an earlier step
	// failed (req, err := http.NewRequest(...); if err != nil { return nil,
	// err }): the code stops at once then, and a rewrite makes that a
	// permanent error.
	Guards []*ast.IfStmt
	// Post are the statements every attempt runs after the call, whatever
	// its outcome, before the code tests it: a rewrite keeps them in the
	// closure too.
	Post []ast.Stmt
	// Results are the variables that receive the call's results, in order,
	// the error last; nil for a result assigned to _.
	Results []*types.Var
	// Err is the variable that holds the call's error.
	Err *types.Var
	// Witness, when set, is the pointer result the loop reads the outcome
	// from instead of Err: nil for a failure, set on a success.
	Witness *types.Var
	// ValueOnly reports that the call returns no error: Witness, its one
	// result, is a pointer that is nil or a bool that is false when it
	// failed, and Err is a stand-in no code reads.
	ValueOnly bool
	// Declares reports whether Assign declares the results (:=).
	Declares bool
	// Ctx is the context variable the call is given, if it is given one.
	Ctx *types.Var
}

// Values returns the result variables before the error.
func (o *Op) Values() []*types.Var {
	if len(o.Results) == 0 {
		return nil
	}
	return o.Results[:len(o.Results)-1]
}

// Class is a test of a failed attempt's error that decides whether to retry.
type Class struct {
	// Test is the if statement (or case clause) that makes the test.
	Test ast.Node
	// Cond is the condition of the test when the attempt failed: as written,
	// with the error's nil test dropped (err == nil || !retryable(err) is
	// !retryable(err) then).
	Cond ast.Expr
	// GiveUpWhen is the value of Cond for which the code gives up.
	GiveUpWhen bool
	// Pred is the test read as a predicate of the error that holds when the
	// code gives up.
	Pred Predicate
	// Decls are statements before the test that only serve it (var ne
	// net.Error), which a rewrite moves into the predicate.
	Decls []ast.Stmt
	// Exit is where the code goes when it gives up on this class.
	Exit Exit
}

// Predicate is a test of an error alone: P(err), true when the code gives up.
type Predicate struct {
	// Kind is the form of the test.
	Kind PredKind
	// Fun is the function called with the error alone, for PredCall
	// (isTemporary).
	Fun ast.Expr
	// Targets are the errors compared with errors.Is or ==, for PredIs and
	// PredEqual.
	Targets []ast.Expr
	// Negated reports whether P is the negation of the form: the code gives
	// up on !isTemporary(err).
	Negated bool
}

// PredKind is the form of a predicate.
type PredKind int

const (
	// PredExpr is any other test of the error alone, kept as written (Cond).
	PredExpr PredKind = iota + 1
	// PredCall is f(err): a function of the error alone.
	PredCall
	// PredIs is errors.Is(err, target), or several joined by ||.
	PredIs
	// PredEqual is err == target, or several joined by ||.
	PredEqual
)

// Bound is what ends the retries when every attempt fails.
type Bound struct {
	// Kind is what carries the bound.
	Kind BoundKind
	// Attempts is the number of attempts, for a ByCount bound.
	Attempts Attempts
	// Counter is the variable that counts the attempts, if there is one.
	Counter *Counter
	// Budget is the time budget, for a ByTime bound.
	Budget *Budget
	// Checks are the statements in the body that test the bound
	// (if attempts >= max { return err }): a rewrite deletes them and keeps
	// what they run as the exit of the exhausted retries. An Unbounded
	// retry with Checks is bounded by a count the matcher cannot follow
	// (a count per item, see hiddenCount), and gets no fix.
	Checks []ast.Stmt
}

// BoundKind is what bounds a retry.
type BoundKind int

const (
	// Unbounded: only success, an error not retried, or a context ends it.
	Unbounded BoundKind = iota
	// ByCount: a number of attempts.
	ByCount
	// ByTime: elapsed time or a deadline.
	ByTime
)

// Attempts is how many times the operation runs when it keeps failing:
// Limit + Offset, with Limit as written (5, n, c.maxRetries).
type Attempts struct {
	// Limit is the limit as written; nil when the count is a constant that
	// the code does not spell out as one expression.
	Limit ast.Expr
	// Offset adjusts Limit to a count of attempts (i := 0; i <= n gives +1).
	Offset int64
	// Const is the number of attempts when it is a constant.
	Const int64
	// IsConst reports whether Const is known.
	IsConst bool
	// MayBeZero reports that the loop makes no attempt at all when the limit
	// is zero or less (a rewrite always makes one).
	MayBeZero bool
}

// Counter is the variable that counts the attempts.
type Counter struct {
	// Var is the counter.
	Var *types.Var
	// Decl is the statement before the loop that sets it (attempt := 0), or
	// nil when the loop header does.
	Decl ast.Stmt
	// Steps are the statements that step it.
	Steps []ast.Stmt
	// First is its value when attempt 1 runs the operation, and Step what
	// each attempt adds: during attempt n it is First + Step*(n-1).
	First, Step int64
	// Exhausted is its value once the attempts ran out, less the number of
	// attempts made (0 when it counts them: attempts++ before the test).
	Exhausted int64
	// UsedAfter reports that code after the loop reads it.
	UsedAfter bool
}

// Budget is a time bound: an attempt starts only while time.Since(Start) <
// Limit (or before Deadline), or, tested after a failure, the retries stop
// once it has passed.
type Budget struct {
	// Start is the variable holding the start time, if any.
	Start *types.Var
	// Test is the comparison with the clock that ends the retries.
	Test ast.Expr
	// Limit is the duration bound; nil when the bound is a deadline.
	Limit ast.Expr
	// Deadline is the time.Time bound; nil when the bound is a duration.
	Deadline ast.Expr
	// Begun reports that the budget of Limit started before work that
	// runs ahead of the loop (start := time.Now(); encode; for
	// time.Since(start) < d): what is left of it when the retries start
	// is Limit less time.Since(Start).
	Begun bool
	// AfterFailure reports that the code tests the budget after a failed
	// attempt, before its wait, and gives up once it has passed; otherwise
	// it tests it before each attempt and starts none past it.
	AfterFailure bool
	// Reached reports that, tested after a failure, it gives up once the
	// budget is reached (time.Since(start) >= Limit), not only once it has
	// passed.
	Reached bool
}

// Wait is how a retry waits between attempts.
type Wait struct {
	// Kind is how the wait is written.
	Kind WaitKind
	// Stmt is the statement that waits. For Timer waits it is the receive or
	// select; Setup holds the statements that make the timer.
	Stmt ast.Stmt
	// Setup are statements that only serve the wait (t := time.NewTimer(d)).
	Setup []ast.Stmt
	// Guard is the if statement around the wait that only skips it, if any.
	Guard *ast.IfStmt
	// Delay is the delay expression as written; nil when a helper computes
	// its own.
	Delay ast.Expr
	// Ctx is the context whose end cuts the wait short; nil when the wait
	// does not watch one.
	Ctx *types.Var
	// Other are the select cases that receive from other channels than the
	// timer and the context (case <-stop: return errStopped).
	Other []*ast.CommClause
	// Stop is the channel a helper wait also ends on, reporting it
	// (if pause(stop, d) { return }); nil when none.
	Stop ast.Expr
	// Helper is the waiting function a Helper wait calls.
	Helper *types.Func
	// HelperFact is what is known of the helper.
	HelperFact *WaitHelper
	// Result is the variable that receives a helper's error, which says the
	// context ended (if err := sleep(ctx, d); err != nil { ... }); nil if
	// none.
	Result *types.Var
	// Skips says after which failed attempts the wait is skipped.
	Skips Skips
	// First is the delay of the wait the loop also makes before its first
	// attempt (for range 3 { time.Sleep(d); op() }), which a rewrite makes
	// once before the call; nil when the first attempt is made at once.
	First *Duration
	// TimerName is the name of a timer made before the loop by a call that
	// gives other variables too (t, stop := newTimer()): a rewrite names it
	// _, since only the loop used it.
	TimerName *ast.Ident
}

// listens reports whether the wait also ends when another channel than its
// timer and its context is ready: a select case on it, or a helper's stop
// channel.
func (w *Wait) listens() bool { return len(w.Other) > 0 || w.Stop != nil }

// WaitKind is how a wait is written.
type WaitKind int

const (
	// Sleep is time.Sleep(d).
	Sleep WaitKind = iota + 1
	// After is <-time.After(d).
	After
	// Select is a select on time.After(d) or a timer, with ctx.Done().
	Select
	// Timer is time.NewTimer(d) with a receive or a select.
	Timer
	// Helper is a call of a function known to wait.
	Helper
	// Ticker is a select on the channel of a time.Ticker made before the
	// loop: the attempts start at a fixed rate, the first after one tick.
	Ticker
)

// Skips is a set of failed attempts after which a retry does not wait.
type Skips int

const (
	// SkipsLast: no wait after the last attempt, which a rewrite never waits
	// after either.
	SkipsLast Skips = 1 << iota
)

// Schedule is the delay between attempts.
type Schedule struct {
	// Kind names the schedule.
	Kind ScheduleKind
	// Initial is the first delay.
	Initial Duration
	// Step is what each delay adds, for Linear.
	Step Duration
	// Factor is what each delay is multiplied by, for Exponential.
	Factor float64
	// Cap is the largest delay, if the code caps it.
	Cap *Duration
	// Jitter says whether and how the delay is randomised.
	Jitter Jitter
	// Delay is the delay of the n-th wait as an expression, for Custom: the
	// wait's delay with the counter and the schedule's variables replaced.
	Delay *DelayExpr
	// Vars are the variables that only the schedule uses (delay := base;
	// delay *= 2): a rewrite deletes them.
	Vars []*types.Var
	// Stmts are the statements in the loop that only compute the delay.
	Stmts []ast.Stmt
}

// ScheduleKind names a delay schedule.
type ScheduleKind int

const (
	// NoDelay: the retry does not wait.
	NoDelay ScheduleKind = iota
	// Constant delays are all the same.
	Constant
	// Linear delays grow by a fixed step.
	Linear
	// Exponential delays grow by a fixed factor.
	Exponential
	// Custom delays follow an expression the rewrite keeps in a function.
	Custom
	// UnknownDelay: the delay was not understood (a helper computes it).
	UnknownDelay
)

// Duration is a duration the code writes: a constant, an expression that
// has the same value everywhere in the retry, or both.
type Duration struct {
	// Expr is how the code writes it; nil when only its value is known.
	Expr ast.Expr
	// Value is its value when it is a constant.
	Value time.Duration
	// IsConst reports whether Value is known.
	IsConst bool
}

// Jitter is how a delay is randomised.
type Jitter int

const (
	// NoJitter: the delays are exact.
	NoJitter Jitter = iota
	// CustomJitter: random numbers enter the delay in the code's own way,
	// which a rewrite keeps in a delay function.
	CustomJitter
)

// DelayExpr is the delay of a wait as an expression of the attempt.
type DelayExpr struct {
	// Expr is the delay as written at the wait.
	Expr ast.Expr
	// Defs are the statements of the attempt that compute it (d := base <<
	// i), which a rewrite moves into the delay function.
	Defs []ast.Stmt
	// ReadsCounter reports that it depends on the counter.
	ReadsCounter bool
	// ReadsErr reports that it depends on the attempt's error.
	ReadsErr bool
	// Counter is the counter's value where the delay is computed after the
	// first attempt.
	Counter int64
	// Draws reports that computing it calls something (a random draw, a
	// stepper), so when and how often it runs matters.
	Draws bool
	// Shared are the variables of Defs that side work reads too (d :=
	// base << i; log.Printf("retry in %v", d); time.Sleep(d)): a hook
	// reads Attempt.Delay, or computes them again.
	Shared []*types.Var
	// SharedIsDelay reports that the one shared variable is the delay
	// itself (the wait's delay is that variable).
	SharedIsDelay bool
	// States are the variables the loop keeps between attempts for the
	// delay (retry = 16 before the loop, if retry < 2048 { retry <<= 1 }
	// after each wait), each with its value at every wait; Expr reads them.
	States []StateVar
	// Guard, when set, is the condition of the if around the wait, which
	// the loop waits after only some failures by (if i == 0 { time.Sleep(d)
	// }): the delay is Expr where it holds and 0 elsewhere. It reads only
	// the counter and what the retry never changes.
	Guard ast.Expr
}

// StateVar is a variable a delay keeps between attempts whose value at the
// wait after failed attempt n is Initial << min(n-1, MaxShift): it doubles
// after each wait up to a cap.
type StateVar struct {
	Var      *types.Var
	Initial  int64
	MaxShift int64
}

// Side is a statement each attempt runs besides the operation and the wait.
type Side struct {
	// Stmt is the statement.
	Stmt ast.Stmt
	// When says after which attempts it runs.
	When When
	// ReadsCounter reports that it reads the counter, and ReadsErr the
	// operation's error.
	ReadsCounter, ReadsErr bool
	// Counter is the counter's value when it runs after the first attempt
	// (it is Counter + Step*(n-1) after attempt n).
	Counter int64
	// BeforeDelay reports that it runs before the delay is computed (which
	// matters when computing the delay draws or calls something).
	BeforeDelay bool
	// ReadsDelay reports that it reads a variable of the delay's
	// definitions (DelayExpr.Shared).
	ReadsDelay bool
}

// When says when a piece of side work runs.
type When int

const (
	// EveryFailure: after every failed attempt, the last one included.
	EveryFailure When = iota + 1
	// RetryableFailure: after every failure that is retried or ends the
	// attempts, not after one the code gives up on at once.
	RetryableFailure
	// BeforeRetry: only when another attempt follows.
	BeforeRetry
)

// Exits are the ways a retry ends.
type Exits struct {
	// Success is where the code goes when the operation succeeds.
	Success Exit
	// Exhausted is where it goes when the attempts (or the budget) run out.
	Exhausted Exit
	// Interrupted is where it goes when the wait's context ends; nil when
	// the wait does not watch one.
	Interrupted *Exit
	// Ctx is the context whose end leads to Interrupted: the one the wait
	// watches, or the one the loop tests itself (ctx.Err(), a select on
	// ctx.Done() with a default) when it has no wait; nil with Interrupted.
	Ctx *types.Var
	// CtxFirst reports that the loop tests that context before its first
	// attempt too (for ctx.Err() == nil { ... }), and makes no attempt once
	// it ended; Interrupted is where it goes then as well.
	CtxFirst bool
	// Stopped is where it goes when a channel that is no timer the matcher
	// knows is ready (a stop channel, a time.After made before the loop),
	// tested by a select of the loop; nil when there is none. Such a
	// channel bounds the retries as a context would.
	Stopped *Exit
	// Stop is the channel that leads to Stopped when a rewrite can watch it
	// as the loop did (retry.WaitsEndOn, retry.StopBefore); nil otherwise.
	Stop *StopChan
}

// Exit is one way out of a retry: the statements it runs in the loop, then
// a return, or the code after the loop.
type Exit struct {
	// Stmts are the statements run before leaving, in order.
	Stmts []ast.Stmt
	// Return is the return statement that ends the function; nil when the
	// code after the loop runs next (break, or the loop's condition).
	Return *ast.ReturnStmt
	// Abort is the call that ends the program or the test (log.Fatal,
	// t.Fatalf, panic), the last of Stmts; nil otherwise.
	Abort ast.Stmt
	// ReadsCounter reports that Stmts or Return read the counter.
	ReadsCounter bool
	// Counter is the counter's value when the exit is taken after the first
	// attempt (Counter + Step*(n-1) after attempt n); for the exhausted
	// exit, see Counter.Exhausted.
	Counter int64
}

// Leaves reports whether the exit returns from the function.
func (e Exit) Leaves() bool { return e.Return != nil }
