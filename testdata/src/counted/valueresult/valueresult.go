// Package valueresult keeps the last error and returns a value on success.
package valueresult

import (
	"encoding/json"
	"net/http"
	"time"
)

type Token struct{ Value string }

func fetchToken(c *http.Client, url string) (*Token, error) {
	var lastErr error
	for try := 0; try < 3; try++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 2s\)`
		tok, err := get(c, url)
		if err == nil {
			return tok, nil
		}
		lastErr = err
		time.Sleep(2 * time.Second)
	}
	return nil, lastErr
}

func get(c *http.Client, url string) (*Token, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var t Token
	return &t, json.NewDecoder(resp.Body).Decode(&t)
}
