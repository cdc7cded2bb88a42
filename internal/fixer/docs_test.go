package fixer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retrylint/retrylint/internal/shape"
)

// TestReasonsDocumented checks that docs/fixes.md names every reason a
// finding may get no fix for, and every deliberate change a fix message can
// list.
func TestReasonsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "fixes.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(doc)), " ")
	for _, r := range shape.Reasons() {
		if !strings.Contains(text, string(r)) {
			t.Errorf("docs/fixes.md does not explain %q", r)
		}
	}
	for _, c := range shape.Changes() {
		if !strings.Contains(text, string(c)) {
			t.Errorf("docs/fixes.md does not list the change %q", c)
		}
	}
}
