package refuse

import "time"

// The operation returns an *http.Response, and this file does not import
// net/http: the closure's result type cannot be written in it.
func indexSize(m *mirror) (int64, error) {
	var lastErr error
	for i := 0; i < 3; i++ { // want `no automatic fix: the type of the operation's value cannot be written here$`
		resp, err := m.get("/index")
		if err == nil {
			resp.Body.Close()
			return resp.ContentLength, nil
		}
		lastErr = err
		time.Sleep(time.Second)
	}
	return 0, lastErr
}
