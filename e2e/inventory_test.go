package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExamplesInventory checks that the inventory of the examples module
// that docs/inventory.md shows is the one the command prints today.
func TestExamplesInventory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and loads the examples module")
	}
	root := repoRoot(t)
	bin := buildRetrylint(t, root)
	work := copyExamples(t, root)
	cmd := exec.Command(bin, "-inventory", "./...")
	cmd.Dir = work
	got, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("retrylint -inventory: %v, want exit 3 (findings)", err)
	}
	doc, err := os.ReadFile(filepath.Join(root, "docs", "inventory.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The first text block after the examples module's heading.
	_, section, _ := strings.Cut(string(doc), "\n## The examples module\n")
	_, block, _ := strings.Cut(section, "```text\n")
	want, _, _ := strings.Cut(block, "```")
	if want == "" {
		t.Fatal("docs/inventory.md shows no inventory of the examples module")
	}
	if string(got) != want {
		t.Errorf("docs/inventory.md shows the examples' inventory as\n%s\nretrylint -inventory prints\n%s", want, got)
	}
}
