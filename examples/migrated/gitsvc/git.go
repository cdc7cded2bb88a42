// Package gitsvc runs git commands in a working copy that other processes
// (an editor, a file watcher) also touch. When one of them holds the index
// lock, git refuses to run; the command is tried again after a short pause.
package gitsvc

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/retrylint/retrylint/retry"
)

const (
	lockRetries = 5
	lockDelay   = 200 * time.Millisecond
)

// Runner runs git with args in dir and returns its standard output.
type Runner func(ctx context.Context, dir string, args ...string) (string, error)

// Repo is a git working copy.
type Repo struct {
	dir string
	run Runner
}

// Open returns the working copy at dir, run by the git on PATH.
func Open(dir string) *Repo { return &Repo{dir: dir, run: runGit} }

// CurrentBranch returns the name of the branch checked out.
func (r *Repo) CurrentBranch(ctx context.Context) (string, error) {
	out, err := r.git(ctx, "rev-parse", "--abbrev-ref", "HEAD")
	return strings.TrimSpace(out), err
}

// Commit records the staged changes with message.
func (r *Repo) Commit(ctx context.Context, message string) error {
	_, err := r.git(ctx, "commit", "--quiet", "-m", message)
	return err
}

// git runs a git command, trying again while another process holds the lock.
func (r *Repo) git(ctx context.Context, args ...string) (string, error) {
	return retry.DoValue(ctx, func(ctx context.Context) (string, error) {
		return r.run(ctx, r.dir, args...)
	}, retry.Attempts(lockRetries), retry.Constant(lockDelay), retry.RetryIf(isLockError), retry.WaitsIgnoreCtx())
}

// isLockError reports whether git failed because the index lock was held.
func isLockError(err error) bool {
	return strings.Contains(err.Error(), "index.lock': File exists")
}

func runGit(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}
