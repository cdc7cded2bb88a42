// Package svc is a small service with the retry loops people write, for the
// end-to-end test of retrylint -fix: its tests must pass before and after.
package svc

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"
)

// ErrBusy is what the backend says while it is busy; it is worth retrying.
var ErrBusy = errors.New("busy")

// Backend is what the service calls.
type Backend interface {
	Get(ctx context.Context, key string) (string, error)
	Put(key, value string) error
}

// Service talks to a backend that is sometimes busy.
type Service struct {
	b        Backend
	attempts int
	pause    time.Duration
	logger   *log.Logger
}

// New returns a Service that tries each call attempts times, pause apart.
func New(b Backend, attempts int, pause time.Duration, logger *log.Logger) *Service {
	return &Service{b: b, attempts: attempts, pause: pause, logger: logger}
}

// Get reads key, retrying while the backend is busy, and stops waiting when
// ctx ends.
func (s *Service) Get(ctx context.Context, key string) (string, error) {
	var lastErr error
	for i := 0; i < s.attempts; i++ {
		v, err := s.b.Get(ctx, key)
		if err == nil {
			return v, nil
		}
		if !errors.Is(err, ErrBusy) {
			return "", err
		}
		lastErr = err
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(s.pause << i):
		}
	}
	return "", fmt.Errorf("get %s: %w", key, lastErr)
}

// Put writes key, logging each failure, with a pause that grows by a fixed
// step.
func (s *Service) Put(key, value string) error {
	attempt := 0
	var err error
	for attempt < s.attempts {
		err = s.b.Put(key, value)
		if err == nil {
			return nil
		}
		attempt++
		s.logger.Printf("put %s failed (attempt %d): %v", key, attempt, err)
		time.Sleep(time.Duration(attempt) * s.pause)
	}
	return err
}

// PutAll writes every pair, three tries each, and stops at the first pair
// that cannot be written.
func (s *Service) PutAll(pairs map[string]string) error {
	for k, v := range pairs {
		var err error
		for try := 0; try < 3; try++ {
			if err = s.b.Put(k, v); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err != nil {
			return fmt.Errorf("put %s: %w", k, err)
		}
	}
	return nil
}
