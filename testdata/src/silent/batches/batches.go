// Package batches sends a list in slices with a pause between them.
package batches

import "time"

type Sink interface{ Write(rows []string) error }

func flush(s Sink, rows []string) error {
	const size = 100
	for i := 0; i < len(rows); i += size {
		end := min(i+size, len(rows))
		if err := s.Write(rows[i:end]); err != nil {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}
