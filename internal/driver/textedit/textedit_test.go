package textedit

import (
	"errors"
	"testing"
)

func TestMergeAndApply(t *testing.T) {
	src := []byte("hello brave new world")
	tests := []struct {
		name  string
		edits []Edit
		want  string
	}{
		{"none", nil, "hello brave new world"},
		{"replace", []Edit{{Start: 6, End: 11, New: "bold"}}, "hello bold new world"},
		{"unsorted and adjacent", []Edit{{Start: 12, End: 15, New: "old"}, {Start: 6, End: 12, New: ""}}, "hello old world"},
		{"duplicate dropped", []Edit{{Start: 0, End: 5, New: "bye", Label: "a"}, {Start: 0, End: 5, New: "bye", Label: "b"}}, "bye brave new world"},
		{"insertion before a replacement at the same offset", []Edit{{Start: 6, End: 11, New: "calm"}, {Start: 6, End: 6, New: "very "}}, "hello very calm new world"},
		{"insertion at the end of a replacement", []Edit{{Start: 0, End: 5, New: "hi"}, {Start: 5, End: 5, New: "!"}}, "hi! brave new world"},
		{"append at end of file", []Edit{{Start: 21, End: 21, New: "\n"}}, "hello brave new world\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			merged, err := Merge(tt.edits)
			if err != nil {
				t.Fatalf("Merge: %v", err)
			}
			got, err := Apply(src, merged)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMergeConflicts(t *testing.T) {
	tests := []struct {
		name   string
		edits  []Edit
		labels [2]string
	}{
		{"overlap", []Edit{{Start: 0, End: 5, New: "x", Label: "first"}, {Start: 3, End: 8, New: "y", Label: "second"}}, [2]string{"first", "second"}},
		{"same range, different text", []Edit{{Start: 2, End: 4, New: "x", Label: "first"}, {Start: 2, End: 4, New: "y", Label: "second"}}, [2]string{"first", "second"}},
		{"two insertions at one offset", []Edit{{Start: 4, End: 4, New: "x", Label: "first"}, {Start: 4, End: 4, New: "y", Label: "second"}}, [2]string{"first", "second"}},
		{"nested in an earlier long edit", []Edit{{Start: 0, End: 20, New: "x", Label: "long"}, {Start: 2, End: 3, New: "", Label: "a"}, {Start: 10, End: 11, New: "", Label: "b"}}, [2]string{"long", "a"}},
		{"insertion inside a replacement", []Edit{{Start: 0, End: 10, New: "x", Label: "repl"}, {Start: 5, End: 5, New: "y", Label: "ins"}}, [2]string{"repl", "ins"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Merge(tt.edits)
			var ce *ConflictError
			if !errors.As(err, &ce) {
				t.Fatalf("Merge: got %v, want a *ConflictError", err)
			}
			if ce.A.Label != tt.labels[0] || ce.B.Label != tt.labels[1] {
				t.Errorf("conflict between %q and %q, want %q and %q", ce.A.Label, ce.B.Label, tt.labels[0], tt.labels[1])
			}
		})
	}
}

func TestInvalidEdits(t *testing.T) {
	if _, err := Merge([]Edit{{Start: 5, End: 2}}); err == nil {
		t.Error("Merge accepted an edit that ends before it starts")
	}
	merged, err := Merge([]Edit{{Start: 2, End: 50, New: "x", Label: "fix"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply([]byte("short"), merged); err == nil {
		t.Error("Apply accepted an edit beyond the end of the file")
	}
}
