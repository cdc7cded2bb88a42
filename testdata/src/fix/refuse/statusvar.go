package refuse

import "fmt"

type reply struct{ Code int }

const codeOK = 0

func exchange(msg, server string) (*reply, error) { return &reply{}, nil }

// notifyServer sends a notification up to three times with no pause:
// an exchange error or an answer whose code is not success goes round
// again. The code is kept in a variable for the final error message, so the
// success test reads that variable rather than the answer itself.
func notifyServer(msg, server string) error {
	var err error
	var ans *reply
	code := -1
	for range 3 { // want `^hand-rolled retry loop \(3 attempts, no delay\) can be replaced by retry.Do; no automatic fix: success also depends on the operation.s results$`
		ans, err = exchange(msg, server)
		if err != nil {
			continue
		}
		code = ans.Code
		if code == codeOK {
			return nil
		}
	}
	if err != nil {
		return fmt.Errorf("notify %s: %w", server, err)
	}
	return fmt.Errorf("notify %s: reply code %d", server, code)
}
