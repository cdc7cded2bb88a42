// Package bench compares the retry package with a hand-rolled loop and with the retry
// libraries people would otherwise pick. It is a module of its own, requiring the retry module
// (of this checkout, through a replace directive) and the peers, so that neither the retry
// module nor the root module depends on them; see docs/bench.md for the command and the results.
package bench
