// Package perkeylog counts failures per item without ever giving up on the
// count: the counts feed a log or a choice, and the loops stay silent.
package perkeylog

import (
	"log"
	"time"
)

type Conn interface{ Dial(addr string) error }

// connect keeps dialling for as long as it takes; the count per address
// only decides when to complain.
func connect(c Conn, addr string) {
	fails := map[string]int{}
	for {
		err := c.Dial(addr)
		if err == nil {
			return
		}
		fails[addr]++
		if fails[addr] == 3 {
			log.Printf("%s still refuses: %v", addr, err)
		}
		time.Sleep(time.Second)
	}
}

type Worker interface{ Run(name string) error }

// supervise restarts a worker whenever it stops, success or not, and
// retires it after too many restarts: it runs the worker, it does not retry
// a failure.
func supervise(w Worker, name string, max int) {
	restarts := map[string]int{}
	for {
		if err := w.Run(name); err != nil {
			log.Printf("%s: %v", name, err)
		}
		restarts[name]++
		if restarts[name] > max {
			return
		}
		time.Sleep(time.Second)
	}
}

// rotate gives each endpoint a quota of tries and walks to the next one
// once it is used up: each pass may call another endpoint.
func rotate(c Conn, addrs []string, quota int) error {
	used := map[string]int{}
	i := 0
	for {
		err := c.Dial(addrs[i])
		if err == nil {
			return nil
		}
		used[addrs[i]]++
		if used[addrs[i]] >= quota {
			i++
			if i == len(addrs) {
				return err
			}
		}
		time.Sleep(time.Second)
	}
}
