package driver

import (
	"io"
	"strings"
	"testing"
)

// TestInventoryFlag checks -inventory as a boolean flag that takes a
// format, and the command lines it cannot be part of.
func TestInventoryFlag(t *testing.T) {
	a := newFake()
	a.ResultType = inventoryType // as the retrylint analyzer's
	for _, tc := range []struct {
		args []string
		want string // the format, or the start of the error
	}{
		{[]string{"./..."}, ""},
		{[]string{"-inventory", "./..."}, inventoryTable},
		{[]string{"-inventory=true", "./..."}, inventoryTable},
		{[]string{"-inventory=table", "./..."}, inventoryTable},
		{[]string{"-inventory=md", "./..."}, inventoryMarkdown},
		{[]string{"-inventory=markdown", "./..."}, inventoryMarkdown},
		{[]string{"-inventory=json", "./..."}, inventoryJSON},
		{[]string{"-inventory=false", "./..."}, ""},
		{[]string{"-inventory", "-sarif=x.sarif", "./..."}, inventoryTable},
		{[]string{"-inventory=xml", "./..."}, `error: unknown -inventory format "xml" (want table, md or json)`},
		{[]string{"-inventory=", "./..."}, ""},
		{[]string{"-inventory", "-fix", "./..."}, "error: -inventory lists findings and cannot be combined with -fix or -diff"},
		{[]string{"-inventory", "-diff", "./..."}, "error: -inventory lists findings"},
		{[]string{"-inventory", "-json", "./..."}, "error: -inventory is printed on stdout and cannot be combined with -format=json"},
		{[]string{"-inventory", "-format=github", "./..."}, "error: -inventory is printed on stdout and cannot be combined with -format=github"},
	} {
		o, err := parseFlags(a, tc.args, io.Discard)
		got := ""
		switch {
		case err != nil:
			got = "error: " + err.Error()
		case o.inventory != "":
			got = o.inventory
			if o.format != formatInventory {
				t.Errorf("%q: format %q, want %q", tc.args, o.format, formatInventory)
			}
		}
		if !strings.HasPrefix(got, tc.want) || (tc.want == "") != (got == "") {
			t.Errorf("%q: got %q, want %q", tc.args, got, tc.want)
		}
	}
	// An analyzer whose result is not the inventory's cannot give one.
	_, err := parseFlags(newFake(), []string{"-inventory", "./..."}, io.Discard)
	if err == nil || err.Error() != "-inventory: fakelint does not describe its findings for an inventory" {
		t.Errorf("-inventory with fakelint: %v", err)
	}
}
