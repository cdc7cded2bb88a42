package udiff

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestUnifiedExample(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n"
	want := `--- a/x.go
+++ b/x.go
@@ -1,10 +1,11 @@
 a
 b
 c
-d
+D
 e
 f
 g
 h
 i
 j
+k
`
	if got := Unified("a/x.go", "b/x.go", []byte(old), []byte(new)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedSeparateHunks(t *testing.T) {
	var a, b []string
	for i := 1; i <= 20; i++ {
		a = append(a, strconv.Itoa(i))
		b = append(b, strconv.Itoa(i))
	}
	b[1] = "two"
	b[17] = "eighteen"
	got := Unified("x", "x", []byte(strings.Join(a, "\n")+"\n"), []byte(strings.Join(b, "\n")+"\n"))
	want := `--- x
+++ x
@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -15,6 +15,6 @@
 15
 16
 17
-18
+eighteen
 19
 20
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedNoNewline(t *testing.T) {
	got := Unified("x", "x", []byte("a\nb"), []byte("a\nb\n"))
	want := "--- x\n+++ x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Unified("x", "x", []byte("same\n"), []byte("same\n")); got != "" {
		t.Errorf("equal inputs gave %q", got)
	}
	if got := Unified("x", "x", nil, []byte("new\n")); got != "--- x\n+++ x\n@@ -0,0 +1 @@\n+new\n" {
		t.Errorf("creation gave %q", got)
	}
}

// TestUnifiedRoundTrip applies the diffs of random edits with a small patch
// implementation and checks that they give the new text back, and that the
// diff is not longer than a line-by-line replacement would be.
func TestUnifiedRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		old := randomLines(r, r.IntN(30))
		new := mutate(r, old)
		oldText, newText := strings.Join(old, ""), strings.Join(new, "")
		d := Unified("x", "x", []byte(oldText), []byte(newText))
		got, err := patch(oldText, d)
		if err != nil {
			t.Fatalf("case %d: %v\nold:\n%s\nnew:\n%s\ndiff:\n%s", i, err, oldText, newText, d)
		}
		if got != newText {
			t.Fatalf("case %d: patch gave\n%s\nwant\n%s\ndiff:\n%s", i, got, newText, d)
		}
	}
}

func TestUnifiedLargeDistance(t *testing.T) {
	// Past maxTrace the middle is replaced as a block; the patch must
	// still be right.
	var a, b []string
	for i := range 3 * maxTrace {
		a = append(a, fmt.Sprintf("a%d\n", i))
		b = append(b, fmt.Sprintf("b%d\n", i))
	}
	old, new := strings.Join(a, ""), strings.Join(b, "")
	got, err := patch(old, Unified("x", "x", []byte(old), []byte(new)))
	if err != nil || got != new {
		t.Fatalf("large diff does not round-trip: %v", err)
	}
}

func randomLines(r *rand.Rand, n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = string(rune('a'+r.IntN(4))) + "\n"
	}
	return lines
}

func mutate(r *rand.Rand, lines []string) []string {
	out := append([]string(nil), lines...)
	for range r.IntN(6) {
		switch p := r.IntN(len(out) + 1); r.IntN(3) {
		case 0:
			out = append(out[:p], append(randomLines(r, 1+r.IntN(3)), out[p:]...)...)
		case 1:
			if p < len(out) {
				out = append(out[:p], out[p+1:]...)
			}
		case 2:
			if p < len(out) {
				out[p] = "z\n"
			}
		}
	}
	if len(out) > 0 && r.IntN(4) == 0 {
		out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "\n")
	}
	return out
}

// patch applies a unified diff made by Unified, checking every context and
// removed line against old.
func patch(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	src := splitLines([]byte(old))
	lines := strings.SplitAfter(diff, "\n")
	var out []string
	pos := 0 // next line of src to copy
	for i := 2; i < len(lines) && lines[i] != ""; {
		var oldStart, oldN, newStart, newN int
		if _, err := fmt.Sscanf(normalizeHeader(lines[i]), "@@ -%d,%d +%d,%d @@", &oldStart, &oldN, &newStart, &newN); err != nil {
			return "", fmt.Errorf("bad hunk header %q: %v", lines[i], err)
		}
		i++
		from := oldStart - 1
		if oldN == 0 {
			from = oldStart
		}
		if from < pos {
			return "", fmt.Errorf("hunks out of order")
		}
		out = append(out, src[pos:from]...)
		pos = from
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			if i < len(lines) && strings.HasPrefix(lines[i], `\ No newline`) {
				l = strings.TrimSuffix(l, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(src) || src[pos] != l[1:] {
					return "", fmt.Errorf("line %d: %q does not match %q", pos+1, l[1:], src[min(pos, len(src)-1)])
				}
				pos++
				if l[0] == ' ' {
					out = append(out, l[1:])
				}
			case '+':
				out = append(out, l[1:])
			}
		}
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, ""), nil
}

// normalizeHeader puts back the counts of one that Unified leaves out.
func normalizeHeader(h string) string {
	f := strings.Fields(h)
	for i := 1; i <= 2; i++ {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ")
}
