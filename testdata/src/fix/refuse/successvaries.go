package refuse

import (
	"database/sql"
	"log"
	"time"
)

// The first attempt returns quietly and a later one logs first: success
// leaves by two different returns chosen by the counter, and the code after
// retry.Do would run one of them whatever the attempt.
func waitForDB(db *sql.DB) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ { // want `no automatic fix: what the code does on success depends on the attempt$`
		if err = db.Ping(); err == nil {
			if attempt == 0 {
				return nil
			}
			log.Printf("database reachable after %d attempts", attempt+1)
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}
