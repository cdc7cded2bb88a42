// Package gotoscan uses goto to go on reading after each item that reads
// well, and to skip blanks: it goes round on success, not on failure, so it
// consumes a stream and retries nothing.
package gotoscan

import (
	"bufio"
	"strings"
)

func count(r *bufio.Reader) (int, error) {
	n := 0
next:
	line, err := r.ReadString('\n')
	if err == nil {
		if strings.TrimSpace(line) == "" {
			goto next
		}
		n++
		goto next
	}
	return n, nil
}
