package refuse

import (
	"syscall"
	"time"
)

// flock returns an errno, zero on success.
func flock(fd int) syscall.Errno { return 0 }

// The operation's error is an Errno: the rewrite's closure would return it
// as an error, and a zero Errno is not a nil error.
func lockFile(fd int) syscall.Errno {
	var errno syscall.Errno
	for i := 0; i < 5; i++ { // want `no automatic fix: the operation's error is not an interface type: its zero value would be a non-nil error$`
		if errno = flock(fd); errno == 0 {
			return 0
		}
		time.Sleep(10 * time.Millisecond)
	}
	return errno
}
