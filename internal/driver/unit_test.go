package driver

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestIsVetInvocation(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"-json", "-scopectx", "/tmp/go-build/b001/vet.cfg"}, true},
		{[]string{"-fix", "-diff", "vet.cfg"}, true},
		{[]string{"./..."}, false},
		{[]string{"-V"}, false},
		{[]string{"-fix", "./a", "./b.cfg/..."}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := IsVetInvocation(tt.args); got != tt.want {
			t.Errorf("IsVetInvocation(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestWorkflowCommandEscapes(t *testing.T) {
	if got, want := escapeData("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
	if got, want := escapeProperty("dir,x/a:b.go%"), "dir%2Cx/a%3Ab.go%25"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
}

func TestLineCol(t *testing.T) {
	data := []byte("ab\nhé = x\n")
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {11, 3, 1},
	}
	for _, tt := range tests {
		line, col := lineCol(data, tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("lineCol(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

// TestRequiredFacts checks that an analyzer requiring one that uses facts
// is refused: the driver carries the facts of the analyzer it runs only.
func TestRequiredFacts(t *testing.T) {
	facts := newFactFake()
	a := &analysis.Analyzer{Name: "needy", Doc: "needy requires factlint", Requires: []*analysis.Analyzer{facts},
		Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	var stdout, stderr strings.Builder
	if code := Run(a, []string{"./..."}, &stdout, &stderr); code != ExitError {
		t.Errorf("Run = %d, want %d", code, ExitError)
	}
	if want := "needy requires an analyzer that uses facts"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr = %q, want it to say %q", stderr.String(), want)
	}
}
