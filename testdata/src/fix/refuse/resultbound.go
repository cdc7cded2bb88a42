package refuse

import "time"

// recorder hands out the actions it recorded.
type recorder struct{ wait func(n int) ([]string, error) }

// A timeout with enough actions recorded counts as success: what ends the
// retries is the results as much as the error, so the limit the loop
// counts to is not what decides.
func (r *recorder) waitWithRetry(n int) ([]string, error) { // want `no automatic fix: success also depends on the operation's results$`
	var err error
	for i := 0; i < 5; i++ {
		var got []string
		got, err = r.wait(n)
		if err == nil || len(got) >= n {
			return got, nil
		}
		time.Sleep(time.Duration(10<<i) * time.Millisecond)
	}
	return nil, err
}
