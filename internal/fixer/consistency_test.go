package fixer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/retrylint/retrylint/internal/shape"
)

// TestMessageMatchesFix checks, over every fixture, that what a finding's
// message names is what its fix writes: both are renderings of one model,
// so a message naming an exponential schedule comes with retry.Exponential,
// and a fix writing retry.Exponential comes with a message that says so.
func TestMessageMatchesFix(t *testing.T) {
	_, _, results := fixtureOutcomes(t)
	pairs := []struct {
		words  string         // in the message
		option *regexp.Regexp // in the fix
	}{
		{"constant delay", regexp.MustCompile(`\.Constant\(`)},
		{"linear backoff", regexp.MustCompile(`\.Linear(From)?\(`)},
		{"exponential backoff", regexp.MustCompile(`\.Exponential\(`)},
		{"computed delay", regexp.MustCompile(`\.DelayFunc\(`)},
		{"no delay", regexp.MustCompile(`\.NoDelay\(`)},
		{"capped at", regexp.MustCompile(`\.MaxDelay\(`)},
		{"for up to", regexp.MustCompile(`\.(MaxElapsed|GiveUpAfter|GiveUpAt)\(`)},
	}
	checked := 0
	for _, res := range results {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			var text strings.Builder
			for _, e := range d.SuggestedFixes[0].TextEdits {
				text.Write(e.NewText)
			}
			fix := text.String()
			pos := res.Pass.Fset.Position(d.Pos)
			for _, p := range pairs {
				named := strings.Contains(d.Message, p.words)
				if p.words == "for up to" {
					named = named || strings.Contains(d.Message, "(until ") || strings.Contains(d.Message, ", until ")
				}
				written := p.option.MatchString(fix)
				if named != written {
					t.Errorf("%s: the message names %q: %v, the fix writes %s: %v\nmessage: %s\nfix: %s", pos, p.words, named, p.option, written, d.Message, fix)
				}
			}
			if m := regexp.MustCompile(`\((\d+) attempts?`).FindStringSubmatch(d.Message); m != nil {
				if !strings.Contains(fix, ".Attempts("+m[1]+")") && !regexp.MustCompile(`\.Attempts\([A-Za-z_][\w.]*([+-]\d+)?\)`).MatchString(fix) || strings.Contains(fix, ".Attempts(retry.Unlimited)") {
					t.Errorf("%s: the message names %s attempts, the fix writes no Attempts of them:\n%s", pos, m[1], fix)
				}
			}
			checked++
		}
	}
	if checked < 50 {
		t.Fatalf("only %d fixes checked", checked)
	}
}

// TestEveryReasonHasFixture checks that every reason for no fix has a
// refusal fixture in testdata/src/fix/refuse that expects it.
func TestEveryReasonHasFixture(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testdata(t), "src", "fix", "refuse", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	text := all.String()
	for _, r := range shape.Reasons() {
		want := "no automatic fix: " + regexp.QuoteMeta(string(r)) + "$"
		if !strings.Contains(text, want) && !strings.Contains(text, "no automatic fix: "+string(r)+"$") {
			t.Errorf("no refusal fixture expects %q", r)
		}
	}
}
