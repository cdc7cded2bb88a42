// Package bench compares the retry package with a hand-rolled loop and with the retry
// libraries people would otherwise pick. It is a separate module so that the main module never
// depends on them; see docs/bench.md for the command and the results.
package bench
