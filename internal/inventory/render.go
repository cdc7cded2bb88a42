package inventory

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// SchemaVersion is the version of the JSON document WriteJSON writes. It
// changes only when a field is removed or changes meaning; new fields may
// appear in any version.
const SchemaVersion = 1

// columns are the columns of the retries, in the table and in Markdown.
var columns = []string{"location", "function", "kind", "bound", "schedule", "cap", "jitter", "retries on", "ctx", "logs", "metrics", "policy", "fix"}

// cells are the row's values in the order of columns; "-" for none.
func (r Row) cells() []string {
	return []string{r.Place(), r.Function, r.Kind, r.Bound, orUnknown(r.Schedule), dash(r.Cap), dash(r.Jitter),
		dash(r.RetriesOn), dash(r.Ctx), list(r.Logs), list(r.Metrics), r.PolicyID, fixText(r)}
}

// policyColumns are the columns of the policies.
var policyColumns = []string{"policy", "uses", "fixable", "bound", "schedule", "cap", "jitter", "retries on"}

func (g PolicyGroup) cells() []string {
	return []string{g.ID, strconv.Itoa(g.Uses), strconv.Itoa(g.Fixable), g.Bound, orUnknown(g.Schedule), dash(g.Cap), dash(g.Jitter), dash(g.RetriesOn)}
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "delay not known"
	}
	return s
}

func list(l []string) string { return dash(strings.Join(l, ", ")) }

func fixText(r Row) string {
	if r.Fixable {
		return "yes"
	}
	if r.NoFix == "" {
		return "no"
	}
	return "no: " + r.NoFix
}

// WriteTable writes the inventory for a terminal: the retries and the
// policies as aligned columns, then the summary line.
func (inv *Inventory) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	if len(inv.Retries) > 0 {
		writeTabbed(tw, upper(columns))
		for _, r := range inv.Retries {
			writeTabbed(tw, r.cells())
		}
		fmt.Fprintln(tw)
		writeTabbed(tw, upper(policyColumns))
		for _, g := range inv.Policies {
			writeTabbed(tw, g.cells())
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintln(tw, inv.Summary())
	return tw.Flush()
}

func upper(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = strings.ToUpper(s)
	}
	return out
}

// writeTabbed writes one line of cells; a tab or a newline inside a cell
// (there should be none) would break the columns, so they become spaces.
func writeTabbed(w io.Writer, cells []string) {
	for i, c := range cells {
		cells[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(c)
	}
	fmt.Fprintln(w, strings.Join(cells, "\t"))
}

// WriteMarkdown writes the inventory for a pull request or an issue: a
// table of the retries, a table of the policies, and the summary line.
func (inv *Inventory) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	if len(inv.Retries) > 0 {
		b.WriteString("### Hand-rolled retries\n\n")
		writeMarkdownTable(&b, columns, len(inv.Retries), func(i int) []string { return inv.Retries[i].cells() })
		b.WriteString("\n### Policies\n\n")
		writeMarkdownTable(&b, policyColumns, len(inv.Policies), func(i int) []string { return inv.Policies[i].cells() })
		b.WriteString("\n")
	}
	b.WriteString("**" + inv.Summary() + "**\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMarkdownTable(b *strings.Builder, head []string, n int, row func(int) []string) {
	titles := make([]string, len(head))
	for i, h := range head {
		titles[i] = strings.ToUpper(h[:1]) + h[1:]
	}
	b.WriteString("| " + strings.Join(titles, " | ") + " |\n")
	b.WriteString("|" + strings.Repeat(" --- |", len(head)) + "\n")
	for i := range n {
		cells := row(i)
		for j, c := range cells {
			cells[j] = escapeMarkdown(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
}

// markdownEscaper escapes what Markdown would read as formatting or as the
// end of a table cell (c.max_retries would turn italic, a || break the row).
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", `\<`, ">", `\>`, "[", `\[`, "]", `\]`,
	"\n", " ",
)

func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// document is the JSON form of an inventory (docs/inventory.md).
type document struct {
	Version  int           `json:"version"`
	Summary  summary       `json:"summary"`
	Retries  []Row         `json:"retries"`
	Policies []PolicyGroup `json:"policies"`
}

type summary struct {
	Retries  int    `json:"retries"`
	Policies int    `json:"policies"`
	Fixable  int    `json:"fixable"`
	Text     string `json:"text"`
}

// WriteJSON writes the inventory as one indented JSON document, the schema
// of docs/inventory.md: the version, the summary, the retries sorted by
// file and line, and the policies, the most used first.
func (inv *Inventory) WriteJSON(w io.Writer) error {
	doc := document{
		Version:  SchemaVersion,
		Summary:  summary{Retries: len(inv.Retries), Policies: len(inv.Policies), Fixable: inv.Fixable(), Text: inv.Summary()},
		Retries:  inv.Retries,
		Policies: inv.Policies,
	}
	if doc.Retries == nil {
		doc.Retries = []Row{}
	}
	if doc.Policies == nil {
		doc.Policies = []PolicyGroup{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep <- and && readable
	return enc.Encode(doc)
}
