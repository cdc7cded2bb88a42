// Package shape recognises hand-rolled retry logic in type-checked Go code and
// describes what it understood as a Finding: the shape, the attempt limit, the
// waits and the delay schedule.
//
// The analyzer turns a Finding into a diagnostic; the fixer turns it into a
// rewrite. The matcher records only facts it has checked: a nil field means
// "not present" or "not understood", never "anything goes".
package shape

import (
	"go/ast"
	"go/types"
	"time"
)

// Kind is the shape of a piece of hand-rolled retry logic.
type Kind int

const (
	// CountedLoop is a for-loop whose header counts the attempts:
	// for i := 0; i < n; i++, for i := range n, for range n, counting down.
	CountedLoop Kind = iota + 1
	// WhileCounter is a loop whose counter is declared before it and stepped in
	// its body: attempt := 0; for attempt < max { ...; attempt++ }, or
	// for { ...; attempts++; if attempts >= max { return err }; wait }.
	WhileCounter
	// TimeBudget is a loop bounded by elapsed time instead of a count:
	// for time.Since(start) < limit { ... }, or a deadline.
	TimeBudget
	// RetryFunc is a function named like executeWithRetry that wraps retry
	// logic, in a loop or by calling itself again after a wait.
	RetryFunc
	// Unbounded is a loop with no bound of its own (for { ... }) that leaves
	// only on success, an error it does not retry, or the end of a context.
	// It appears only as the LoopKind of a RetryFunc: outside a function
	// named for retrying, such a loop is too often a service loop to report.
	Unbounded
)

// Finding is one piece of hand-rolled retry logic.
type Finding struct {
	Kind Kind

	// Func is the function that holds the logic: *ast.FuncDecl or *ast.FuncLit.
	Func ast.Node
	// Loop is the retry loop: *ast.ForStmt or *ast.RangeStmt. It is nil only
	// for a RetryFunc that retries by calling itself (see Recursion).
	Loop ast.Stmt
	// LoopKind is the loop's own shape when Kind is RetryFunc and Loop is set
	// (CountedLoop, WhileCounter or TimeBudget); otherwise it equals Kind.
	LoopKind Kind
	// Recursion is the call by which a RetryFunc calls itself again after a
	// wait; nil otherwise.
	Recursion *ast.CallExpr

	// Counter is the attempt counter variable; nil when the loop has none
	// (for range n, time budgets).
	Counter *types.Var
	// CounterDecl is the statement before the loop that declares or resets the
	// counter of a WhileCounter loop (attempt := 0); nil otherwise.
	CounterDecl ast.Stmt
	// CounterSteps are the statements in the loop body that step the counter
	// of a WhileCounter loop (attempt++, attempts += 1).
	CounterSteps []ast.Stmt
	// CounterCheck is the if statement in the body that leaves the loop when
	// the attempts run out (if attempts >= max { return err }), for loops
	// whose header has no condition; nil when the header holds the bound.
	CounterCheck *ast.IfStmt

	// Op is the statement that runs the operation and assigns its error
	// (err = op(), v, err := op(), or the if statement whose Init does so).
	Op ast.Stmt
	// Err is the variable that holds the operation's error.
	Err *types.Var
	// Success is the if statement that leaves the loop when Err is nil (if
	// err == nil { return v, nil }), or that handles the failure and
	// continues (if err != nil { ...; continue }) before code that leaves.
	Success *ast.IfStmt

	// Attempts is how many times the operation can run.
	Attempts Attempts
	// Budget is set for TimeBudget loops.
	Budget *Budget

	// Waits are the statements that wait between attempts, in source order.
	Waits []Wait
	// Schedule is the understood delay schedule of the waits.
	Schedule Schedule
}

// Attempts describes the attempt limit: the operation runs at most
// Limit + Offset times (Limit as written in the source).
type Attempts struct {
	// Limit is the bound as written (5, n, c.maxRetries); nil when unbounded.
	Limit ast.Expr
	// Offset adjusts Limit to a count of attempts: i := 0; i <= n gives +1,
	// i := 1; i < n gives -1.
	Offset int
	// Const is the number of attempts when it is a compile-time constant.
	Const int64
	// IsConst reports whether Const is known.
	IsConst bool
}

// Budget describes an elapsed-time bound: the loop starts an attempt only
// while time.Since(Start) < Limit (or before Deadline).
type Budget struct {
	// Start is the variable holding the start time (start := time.Now()), if any.
	Start *types.Var
	// StartDecl is the statement that sets Start.
	StartDecl ast.Stmt
	// Limit is the duration bound; nil when the bound is a deadline.
	Limit ast.Expr
	// Deadline is the time.Time bound; nil when the bound is a duration.
	Deadline ast.Expr
	// DeadlineDecl is the statement that sets the deadline variable
	// (deadline := time.Now().Add(d)), if found; nil otherwise.
	DeadlineDecl ast.Stmt
	// Check is the if statement in the body that leaves the loop when the
	// time is up (if time.Since(start) > limit { return err }); nil when the
	// loop's condition holds the bound.
	Check *ast.IfStmt
	// Inclusive reports whether the bound lets an attempt start exactly at the
	// limit (time.Since(start) <= limit, or leaving only when > limit).
	Inclusive bool
}

// WaitKind is how a wait is written.
type WaitKind int

const (
	// Sleep is time.Sleep(d).
	Sleep WaitKind = iota + 1
	// After is <-time.After(d) as a statement.
	After
	// Select is a select on time.After(d) or a timer, usually with ctx.Done().
	Select
	// Timer is time.NewTimer(d) followed by a receive or select.
	Timer
	// Helper is a call of a function known (by analysis fact) to wait.
	Helper
)

// Wait is one statement that waits between attempts.
type Wait struct {
	Kind WaitKind
	// Stmt is the statement that waits; a fix deletes it. For Timer waits it
	// is the receive or select; Setup holds the NewTimer statement.
	Stmt ast.Stmt
	// Setup are statements that only serve the wait (t := time.NewTimer(d),
	// defer t.Stop()); empty for other kinds.
	Setup []ast.Stmt
	// Delay is the delay expression as written.
	Delay ast.Expr
	// Ctx is the context whose Done channel the wait watches; nil if none.
	Ctx ast.Expr
	// OnDone is the select case run when Ctx ends (usually return ctx.Err());
	// nil when the wait does not watch a context.
	OnDone *ast.CommClause
	// Guard is the condition of an if that holds the wait and only skips it
	// (if attempt < max-1 { wait }); nil when the wait is unconditional.
	Guard ast.Expr
	// Helper is the waiting function called by a Helper wait.
	Helper *types.Func
	// Var is the function variable called by a Helper wait whose callee is a
	// package variable holding a waiting function (var sleep = time.Sleep);
	// Helper is nil then.
	Var *types.Var
	// Other are the select cases besides the timer and ctx.Done(), each a
	// receive whose body leaves the loop (case <-stop: return errStopped).
	Other []*ast.CommClause
}

// ScheduleKind names a delay schedule.
type ScheduleKind int

const (
	// Unknown means the delays were not understood.
	Unknown ScheduleKind = iota
	// Constant delays are all the same.
	Constant
	// Linear delays grow by a fixed step.
	Linear
	// Exponential delays grow by a fixed factor.
	Exponential
	// Custom delays follow an expression the fixer keeps as a delay function.
	Custom
)

// Schedule is the understood delay schedule between attempts.
type Schedule struct {
	Kind ScheduleKind
	// Initial is the first delay when it is a constant (0 if not known).
	Initial time.Duration
	// InitialExpr is the first delay as an expression when it is not constant.
	InitialExpr ast.Expr
	// Step is the increment of a Linear schedule, when constant.
	Step time.Duration
	// StepExpr is the increment of a Linear schedule as written, when it is
	// not a constant the matcher evaluated.
	StepExpr ast.Expr
	// Factor is the growth factor of an Exponential schedule.
	Factor float64
	// Cap is the bound on delays (min(d, max), if d > max { d = max }); nil if none.
	Cap ast.Expr
	// Jitter reports whether the delay draws random numbers.
	Jitter bool
}
