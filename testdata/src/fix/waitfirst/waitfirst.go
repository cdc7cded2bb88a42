// Package waitfirst pauses before every attempt, the first included: a
// process that was just started gets a moment before it is first called.
package waitfirst

import (
	"context"
	"time"
)

// Attach connects to a process it just started, up to five times, pausing
// 20ms before the first try and 20ms longer before each one after it.
func Attach(attach func() error) error {
	var err error
	for n := 0; n < 5; n++ { // want `hand-rolled retry loop`
		time.Sleep(time.Duration(n+1) * 20 * time.Millisecond)
		if err = attach(); err == nil {
			return nil
		}
	}
	return err
}

// Cleanup removes a directory whose files may still be held open, with
// three tries that each wait 50ms first; it gives up quietly.
func Cleanup(remove func(string) error, dir string) {
	for range 3 { // want `hand-rolled retry loop`
		// the handles are released a moment after the process exits
		time.Sleep(50 * time.Millisecond)
		if err := remove(dir); err == nil {
			return
		}
	}
}

// Resize sets a terminal's size once its process is up, with up to four
// tries 10ms apart, the first one after 10ms too; its waits ignore ctx.
func Resize(ctx context.Context, resize func(context.Context, int, int) error, h, w int) error {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		<-time.After(10 * time.Millisecond)
		err = resize(ctx, h, w)
		if err == nil {
			break
		}
	}
	return err
}

// Upload sends a block up to four times, pausing i*i*10ms before try i
// (counted from 0): the first pause is none.
func Upload(put func(key string) error, key string) error {
	var err error
	for i := 0; i < 4; i++ { // want `hand-rolled retry loop`
		time.Sleep(time.Duration(i*i) * 10 * time.Millisecond)
		if err = put(key); err == nil {
			break
		}
	}
	return err
}
