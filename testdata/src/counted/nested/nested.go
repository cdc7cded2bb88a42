// Package nested retries each item inside a loop over items: only the inner
// loop is a retry.
package nested

import "time"

type Indexer interface{ Index(doc string) error }

func indexAll(ix Indexer, docs []string) error {
	for _, d := range docs {
		var err error
		for i := 0; i < 3; i++ { // want `^hand-rolled retry loop \(3 attempts, constant delay of 1s\)`
			if err = ix.Index(d); err == nil {
				break
			}
			time.Sleep(time.Second)
		}
		if err != nil {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
	return nil
}
