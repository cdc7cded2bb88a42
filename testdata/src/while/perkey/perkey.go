// Package perkey checks a retry bounded by a count kept per item: each
// failure names the item that failed, and the loop gives up once one item
// failed too often.
package perkey

import (
	"errors"
	"time"
)

// BusyError names the file that was busy.
type BusyError struct{ Name string }

func (e *BusyError) Error() string { return e.Name + " is busy" }

type Tree interface{ Purge(root string) error }

// purge retries the whole purge while some file is busy, giving up on a
// file that stayed busy for limit tries.
func purge(t Tree, root string, limit int) error {
	busy := map[string]int{}
	for { // want `^hand-rolled retry loop \(constant delay of 50ms\) can be replaced by retry\.Do; no automatic fix: the attempt limit is not understood$`
		err := t.Purge(root)
		if err == nil {
			return nil
		}
		var be *BusyError
		if !errors.As(err, &be) {
			return err
		}
		if busy[be.Name] >= limit {
			return err
		}
		busy[be.Name]++
		time.Sleep(50 * time.Millisecond)
	}
}

type Claim struct{ Left map[string]int }

// claim counts down what is left for each holder.
func claim(c *Claim, grab func() (string, error)) error {
	for { // want `^hand-rolled retry loop \(constant delay of 1s\) can be replaced by retry\.Do; no automatic fix: the attempt limit is not understood$`
		who, err := grab()
		if err == nil {
			return nil
		}
		c.Left[who]--
		if c.Left[who] <= 0 {
			return err
		}
		time.Sleep(time.Second)
	}
}
