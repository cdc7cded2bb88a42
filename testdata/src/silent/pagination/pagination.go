// Package pagination reads every page and sleeps to respect a rate limit.
package pagination

import (
	"context"
	"time"
)

type Page struct {
	Items []string
	Next  string
}

type Lister interface {
	List(ctx context.Context, token string) (*Page, error)
}

func listAll(ctx context.Context, l Lister) ([]string, error) {
	var all []string
	token := ""
	for {
		p, err := l.List(ctx, token)
		if err != nil {
			return nil, err
		}
		all = append(all, p.Items...)
		if p.Next == "" {
			return all, nil
		}
		token = p.Next
		time.Sleep(200 * time.Millisecond)
	}
}

func firstPages(ctx context.Context, l Lister, n int) ([]string, error) {
	var all []string
	token := ""
	for i := 0; i < n; i++ {
		p, err := l.List(ctx, token)
		if err != nil {
			return nil, err
		}
		all = append(all, p.Items...)
		if p.Next == "" {
			break
		}
		token = p.Next
		time.Sleep(200 * time.Millisecond)
	}
	return all, nil
}
