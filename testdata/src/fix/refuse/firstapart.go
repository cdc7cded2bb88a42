package refuse

import (
	"database/sql"
	"log"
	"time"
)

// The first attempt is made before the loop and a log line stands between
// it and the loop: retry.Do makes every attempt itself, and the line would
// have to move before or after the call.
func pingUntilUp(db *sql.DB) error {
	err := db.Ping()
	if err != nil {
		log.Printf("database not ready, waiting: %v", err)
	}
	for i := 0; i < 10 && err != nil; i++ { // want `no automatic fix: code runs between the first attempt and the loop$`
		time.Sleep(time.Second)
		if err = db.Ping(); err == nil {
			break
		}
	}
	return err
}
