// Package inclusive runs one first try plus maxRetries retries.
package inclusive

import (
	"database/sql"
	"time"
)

const maxRetries = 3

func open(dsn string) (*sql.DB, error) {
	var (
		db  *sql.DB
		err error
	)
	for retry := 0; retry <= maxRetries; retry++ { // want `^hand-rolled retry loop \(4 attempts, constant delay of 2s\)`
		db, err = sql.Open("postgres", dsn)
		if err == nil {
			return db, nil
		}
		time.Sleep(2 * time.Second)
	}
	return nil, err
}
