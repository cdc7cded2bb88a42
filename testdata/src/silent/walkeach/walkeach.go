// Package walkeach holds loops around a walk over a list that retry
// nothing: a broadcast that goes on after each success, a walk that stops
// on the first failure, and a search whose next list grows from the last.
package walkeach

import (
	"context"
	"errors"
	"log"
	"time"
)

type Peer interface{ Send(msg string) error }

// broadcast sends to every peer once a second until ctx ends.
func broadcast(ctx context.Context, peers []Peer, msg string) {
	for ctx.Err() == nil {
		for _, p := range peers {
			if err := p.Send(msg); err != nil {
				log.Printf("send: %v", err)
				continue
			}
		}
		time.Sleep(time.Second)
	}
}

type Page struct {
	Items []string
	Next  *Page
}

// store writes every item of every page, and stops at the first failure.
func store(first *Page, put func(string) error) error {
	for p := first; p != nil; p = p.Next {
		for _, it := range p.Items {
			if err := put(it); err != nil {
				return err
			}
		}
	}
	return nil
}

var errNotFound = errors.New("not found")

// find visits a frontier that grows from the one before, up to a depth.
func find(start []string, visit func(string) error, expand func([]string) []string) (string, error) {
	frontier := start
	for depth := 0; depth < 8; depth++ {
		for _, n := range frontier {
			if err := visit(n); err == nil {
				return n, nil
			}
		}
		frontier = expand(frontier)
	}
	return "", errNotFound
}
