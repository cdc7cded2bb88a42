// Package nilpred tells success from failure through tests of the error
// that are false (or true) for a nil error: a predicate of the package's
// own, or the gRPC code of the error. Success ends the loop through the
// same branch as an error it does not retry.
package nilpred

import (
	"errors"
	"os"
	"syscall"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

var errReplicating = errors.New("replication in progress")

// isReplicating reports whether err says that the file is still being
// replicated: false for a nil error, since the assertion fails.
func isReplicating(err error) bool {
	pe, ok := err.(*os.PathError)
	return ok && pe.Err == errReplicating
}

// closeFile closes f while it reports that it is replicating, 5 times at
// most, 100ms apart; success and any other error end the loop.
func closeFile(close func() error) error {
	var err error
	for i := 0; i < 5; i++ { // want `^hand-rolled retry loop \(5 attempts, constant delay of 100ms\)`
		err = close()
		if isReplicating(err) {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		break
	}
	return err
}

// runAgent runs the agent again while it cannot reach the server, up to
// tries times, a second apart.
func runAgent(run func() error, tries int) error {
	var err error
	for range tries { // want `^hand-rolled retry loop \(tries attempts, constant delay of 1s\)`
		err = run()
		if code := status.Code(err); code == codes.Unavailable || code == codes.DeadlineExceeded {
			time.Sleep(time.Second)
		} else {
			break
		}
	}
	return err
}

// done reports whether f's result ends the retries: true on success and on
// an error other than EBUSY.
func done(err error) bool {
	if err == nil {
		return true
	}
	if !errors.Is(err, syscall.EBUSY) {
		return true
	}
	return false
}

// removeDevice removes a busy device up to 100 times, 100ms apart.
func removeDevice(remove func() error) error {
	var err error
	for attempt := 1; attempt <= 100; attempt++ { // want `^hand-rolled retry loop \(100 attempts, constant delay of 100ms\)`
		err = remove()
		if done(err) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// runAgentLogged is runAgent saying why it waits: the log runs on the
// failures it retries only.
func runAgentLogged(run func() error, tries int, logf func(string, ...any)) error {
	var err error
	for range tries { // want `^hand-rolled retry loop \(tries attempts, constant delay of 1s\)`
		err = run()
		if code := status.Code(err); code == codes.Unavailable || code == codes.DeadlineExceeded {
			logf("cannot reach the server, retrying in 1s: %v", err)
			time.Sleep(time.Second)
		} else {
			break
		}
	}
	return err
}
