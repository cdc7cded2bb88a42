module example.com/e2e

go 1.26

// No requirement on the retry module: retrylint -fix adds it, and this
// replace (pointed at the checkout by the test) provides it offline.
replace github.com/retrylint/retrylint/retry => ../../../retry
