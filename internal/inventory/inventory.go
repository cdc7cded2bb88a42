// Package inventory lists the hand-rolled retries of a run side by side, for
// whoever leads a migration to the retry package: one row per retry (where
// it is, what bounds it, how long it waits, what it retries on, whether it
// watches its context, what it logs and counts, whether it can be fixed),
// the distinct policies with how many places use each, and one line that
// sums it up ("23 hand-rolled retries, 11 different policies, 17 fixable").
//
// The rows are plain data, built by the analyzer from the one model of a
// retry (shape.Retry) with the describing functions its messages use
// (shape.Retry.BoundText, DelayText, ...), so that a row and a message never
// disagree. The analyzer hands them to the driver as its result; the driver
// gathers them across packages with New and prints them with WriteTable,
// WriteMarkdown or WriteJSON. docs/inventory.md documents the policy and the
// JSON schema.
package inventory

import (
	"cmp"
	"fmt"
	"slices"
)

// Row is one hand-rolled retry: where it is and its facts. Its JSON form is
// the schema of the "retries" of docs/inventory.md; keep the two in step.
type Row struct {
	// File is the file's path (absolute as the analyzer gives it, relative
	// to the working directory as the driver prints it, with slashes).
	File string `json:"file"`
	// Line and Column are where the finding is reported (the loop header,
	// or the name of a retry function), 1-based.
	Line   int `json:"line"`
	Column int `json:"column"`
	Facts
}

// Facts are what the inventory says of a retry besides where it is: the
// properties of its SARIF result.
type Facts struct {
	// Package is the import path of the package that holds the retry.
	Package string `json:"package"`
	// Function is the function that holds the retry: "Fetch",
	// "(*Client).Do", "literal in Serve".
	Function string `json:"function"`
	// Kind is the category the finding is reported in: counted-loop,
	// while-counter, time-budget, retry-func.
	Kind string `json:"kind"`
	// Policy is what the retry does when the operation fails.
	Policy
	// Attempts is the number of attempts when it is a constant; 0 otherwise.
	Attempts int64 `json:"attempts,omitempty"`
	// WatchesCtx reports whether the retry stops when a context ends, and
	// Ctx says it in words: "watches ctx", "ignores ctx", "no context".
	WatchesCtx bool   `json:"watchesCtx"`
	Ctx        string `json:"ctx"`
	// Logs and Metrics name the log lines and the metrics each failed
	// attempt writes, by what they call ("log.Printf", "s.retries.Inc").
	Logs    []string `json:"logs"`
	Metrics []string `json:"metrics"`
	// Fixable reports whether the finding has an automatic fix; NoFix is why
	// not, in the words of the message.
	Fixable bool   `json:"fixable"`
	NoFix   string `json:"noFix,omitempty"`
	// PolicyID names the row's policy among Inventory.Policies ("P1"); New
	// sets it.
	PolicyID string `json:"policy"`
}

// Policy is what a retry does when its operation fails: how many attempts
// or how long, how long it waits between them, the largest wait, whether the
// waits are random, and which failures it retries. Two retries have the same
// policy when all five are written with the same words; a limit or a delay
// that is not a constant is compared as written (c.maxRetries).
type Policy struct {
	// Bound is what ends the retries: "5 attempts", "maxRetries+1
	// attempts", "for up to 30s", "until deadline", "until ctx ends",
	// "unbounded".
	Bound string `json:"bound"`
	// Schedule is how the delays grow, without their cap and jitter:
	// "constant delay of 100ms", "exponential backoff x1.5 from 500ms",
	// "computed delay", "no delay"; "" when the delay is not known.
	Schedule string `json:"schedule"`
	// Cap is the largest delay ("10s"); "" when the delays are not capped.
	Cap string `json:"cap"`
	// Jitter is how the delays are randomised: "custom" when the code draws
	// random numbers its own way; "" for exact delays.
	Jitter string `json:"jitter"`
	// RetriesOn says which failures are retried: "any error",
	// "isTimeout(err)", "all but ErrNotFound", "only ErrBusy".
	RetriesOn string `json:"retriesOn"`
}

// PolicyGroup is a policy and the retries that have it.
type PolicyGroup struct {
	// ID names the policy in the rows: P1 is the most used.
	ID string `json:"id"`
	Policy
	// Uses is how many retries have the policy, and Fixable how many of
	// them have an automatic fix.
	Uses    int `json:"uses"`
	Fixable int `json:"fixable"`
	// Places are the retries' locations, "file:line", in the rows' order.
	Places []string `json:"places"`
}

// Inventory is the inventory of one run.
type Inventory struct {
	// Retries are the rows, sorted by file, line and column.
	Retries []Row
	// Policies are the distinct policies, the most used first (ties in the
	// order of their first retry).
	Policies []PolicyGroup
}

// New builds the inventory of rows gathered from the packages of a run. A
// retry seen twice (a package and its test variant analyse the same file)
// is counted once.
func New(rows []Row) *Inventory {
	inv := &Inventory{}
	seen := make(map[string]bool)
	for _, r := range rows {
		if key := r.Place() + fmt.Sprintf(":%d", r.Column); !seen[key] {
			seen[key] = true
			if r.Logs == nil {
				r.Logs = []string{}
			}
			if r.Metrics == nil {
				r.Metrics = []string{}
			}
			inv.Retries = append(inv.Retries, r)
		}
	}
	slices.SortFunc(inv.Retries, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	index := make(map[Policy]int)
	for _, r := range inv.Retries {
		i, ok := index[r.Policy]
		if !ok {
			i = len(inv.Policies)
			index[r.Policy] = i
			inv.Policies = append(inv.Policies, PolicyGroup{Policy: r.Policy})
		}
		g := &inv.Policies[i]
		g.Uses++
		if r.Fixable {
			g.Fixable++
		}
		g.Places = append(g.Places, r.Place())
	}
	// Stable: among policies used as often, the one met first comes first.
	slices.SortStableFunc(inv.Policies, func(a, b PolicyGroup) int { return b.Uses - a.Uses })
	for i := range inv.Policies {
		inv.Policies[i].ID = fmt.Sprintf("P%d", i+1)
		index[inv.Policies[i].Policy] = i
	}
	for i := range inv.Retries {
		inv.Retries[i].PolicyID = inv.Policies[index[inv.Retries[i].Policy]].ID
	}
	return inv
}

// Place is where the retry is, "file:line".
func (r Row) Place() string { return fmt.Sprintf("%s:%d", r.File, r.Line) }

// Fixable counts the retries that have an automatic fix.
func (inv *Inventory) Fixable() int {
	n := 0
	for _, r := range inv.Retries {
		if r.Fixable {
			n++
		}
	}
	return n
}

// Summary is the inventory in one line: "23 hand-rolled retries, 11
// different policies, 17 fixable".
func (inv *Inventory) Summary() string {
	n := len(inv.Retries)
	switch n {
	case 0:
		return "no hand-rolled retries"
	case 1:
		return fmt.Sprintf("1 hand-rolled retry, 1 policy, %d fixable", inv.Fixable())
	}
	policies := "1 policy"
	if p := len(inv.Policies); p > 1 {
		policies = fmt.Sprintf("%d different policies", p)
	}
	return fmt.Sprintf("%d hand-rolled retries, %s, %d fixable", n, policies, inv.Fixable())
}
