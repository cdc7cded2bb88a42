// Package recursivewalk calls itself after a pause, but on success: it walks
// a chain of pages, it does not retry a failure.
package recursivewalk

import "time"

type Page struct{ Next string }

type Source interface {
	Get(token string) (*Page, error)
}

func retryAllPages(s Source, token string) error {
	p, err := s.Get(token)
	if err != nil {
		return err
	}
	if p.Next == "" {
		return nil
	}
	time.Sleep(100 * time.Millisecond)
	return retryAllPages(s, p.Next)
}
