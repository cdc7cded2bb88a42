// Package chat asks a language model served over HTTP on the local machine
// for answers. The model server is slow to answer while it loads a model, so
// a timed-out request is tried again after a growing pause.
package chat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/retrylint/retrylint/retry"
)

// Message is one turn of a conversation.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Doer sends HTTP requests; *http.Client is one.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Client talks to the model server.
type Client struct {
	http       Doer
	baseURL    string
	model      string
	maxRetries int
}

// NewClient returns a client of the model server at baseURL that tries each
// request up to maxRetries times.
func NewClient(doer Doer, baseURL, model string, maxRetries int) *Client {
	return &Client{http: doer, baseURL: baseURL, model: model, maxRetries: maxRetries}
}

// Reply asks the model for the next message of the conversation. A request
// that times out is tried again after 1s, 2s, 4s, ...; any other failure is
// returned at once.
func (c *Client) Reply(ctx context.Context, history []Message, maxTokens int) (Message, error) {
	reply, err := retry.DoValue(ctx, func(ctx context.Context) (Message, error) {
		return c.chat(ctx, history, maxTokens)
	}, retry.Attempts(c.maxRetries), retry.Exponential(time.Second, 2), retry.RetryIf(isTimeout), retry.WaitsIgnoreCtx())
	if err != nil {
		if !isTimeout(err) {
			return Message{}, err
		}
		return Message{}, fmt.Errorf("chat: model did not answer after %d attempts: %w", c.maxRetries, err)
	}
	return reply, nil
}

func (c *Client) chat(ctx context.Context, history []Message, maxTokens int) (Message, error) {
	body, err := json.Marshal(map[string]any{
		"model":    c.model,
		"messages": history,
		"stream":   false,
		"options":  map[string]any{"num_predict": maxTokens},
	})
	if err != nil {
		return Message{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/api/chat", bytes.NewReader(body))
	if err != nil {
		return Message{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return Message{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Message{}, fmt.Errorf("chat: model server answered %s", resp.Status)
	}
	var out struct {
		Message Message `json:"message"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return Message{}, fmt.Errorf("chat: decoding the answer: %w", err)
	}
	return out.Message, nil
}

// isTimeout reports whether err is a request that ran out of time.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}
