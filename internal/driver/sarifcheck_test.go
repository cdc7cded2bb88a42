package driver

import (
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/retrylint/retrylint/internal/driver/textedit"
)

// sarifCheck is the script command
//
//	sarifcheck file [results=N] [fixes=N] [rules=a,b] [success=bool] [fixed=file:golden]...
//
// It checks that file is a SARIF 2.1.0 log whose objects carry every
// property the 2.1.0 schema requires of them and only properties the schema
// defines, that each region's lines and columns agree with its byte offsets,
// and the expectations given: the number of results and of fixes, the rule
// ids in order, the invocation's success; fixed=a.go:a.go.golden applies the
// fixes' replacements for a.go, formats the result and compares it with
// the golden file.
func sarifCheck(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! sarifcheck")
	}
	if len(args) < 1 {
		ts.Fatalf("usage: sarifcheck file [key=value...]")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	c := &sarifChecker{ts: ts, base: ts.MkAbs(".")}
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		ts.Fatalf("%s is not JSON: %v", args[0], err)
	}
	c.log(log)
	for _, arg := range args[1:] {
		k, v, _ := strings.Cut(arg, "=")
		switch k {
		case "results":
			c.expect(k, strconv.Itoa(c.results), v)
		case "fixes":
			c.expect(k, strconv.Itoa(c.fixes), v)
		case "rules":
			c.expect(k, strings.Join(c.rules, ","), v)
		case "success":
			c.expect(k, strconv.FormatBool(c.success), v)
		case "fixed":
			file, golden, _ := strings.Cut(v, ":")
			c.checkFixed(file, golden)
		default:
			ts.Fatalf("unknown expectation %q", arg)
		}
	}
}

type sarifChecker struct {
	ts      *testscript.TestScript
	base    string
	results int
	fixes   int
	rules   []string
	success bool
	// replacements by artifact URI, as byte ranges
	replacements map[string][]textedit.Edit
}

func (c *sarifChecker) expect(what, got, want string) {
	if got != want {
		c.ts.Fatalf("%s = %s, want %s", what, got, want)
	}
}

// object checks that v is an object with the required keys and no key
// outside allowed, and returns it.
func (c *sarifChecker) object(path string, v any, required []string, optional ...string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		c.ts.Fatalf("%s: not an object", path)
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			c.ts.Fatalf("%s: missing required property %q", path, k)
		}
	}
	for k := range m {
		if !slices.Contains(required, k) && !slices.Contains(optional, k) {
			c.ts.Fatalf("%s: property %q is not one the schema defines here", path, k)
		}
	}
	return m
}

func (c *sarifChecker) array(path string, v any, minItems int) []any {
	a, ok := v.([]any)
	if !ok {
		c.ts.Fatalf("%s: not an array", path)
	}
	if len(a) < minItems {
		c.ts.Fatalf("%s: %d items, the schema wants at least %d", path, len(a), minItems)
	}
	return a
}

func (c *sarifChecker) str(path string, v any) string {
	s, ok := v.(string)
	if !ok || s == "" {
		c.ts.Fatalf("%s: not a non-empty string", path)
	}
	return s
}

func (c *sarifChecker) num(path string, v any, minimum int) int {
	f, ok := v.(float64)
	if !ok || f != float64(int(f)) || int(f) < minimum {
		c.ts.Fatalf("%s: %v is not an integer >= %d", path, v, minimum)
	}
	return int(f)
}

func (c *sarifChecker) log(log map[string]any) {
	c.object("log", log, []string{"version", "runs"}, "$schema")
	c.expect("version", fmt.Sprint(log["version"]), "2.1.0")
	if !strings.Contains(c.str("$schema", log["$schema"]), "sarif") {
		c.ts.Fatalf("$schema %v does not name the SARIF schema", log["$schema"])
	}
	runs := c.array("runs", log["runs"], 1)
	for i, r := range runs {
		c.run(fmt.Sprintf("runs[%d]", i), r)
	}
}

func (c *sarifChecker) run(path string, v any) {
	run := c.object(path, v, []string{"tool"}, "results", "invocations", "originalUriBaseIds", "columnKind")
	tool := c.object(path+".tool", run["tool"], []string{"driver"})
	driver := c.object(path+".tool.driver", tool["driver"], []string{"name"}, "version", "informationUri", "rules")
	c.str(path+".tool.driver.name", driver["name"])
	var ruleIDs []string
	if rules, ok := driver["rules"]; ok {
		for i, r := range c.array(path+".rules", rules, 0) {
			rp := fmt.Sprintf("%s.rules[%d]", path, i)
			rule := c.object(rp, r, []string{"id"}, "name", "shortDescription", "helpUri")
			ruleIDs = append(ruleIDs, c.str(rp+".id", rule["id"]))
		}
	}
	c.rules = ruleIDs
	if ck, ok := run["columnKind"]; ok && ck != "unicodeCodePoints" && ck != "utf16CodeUnits" {
		c.ts.Fatalf("%s.columnKind: %v is not in the schema's enum", path, ck)
	}
	if ck := run["columnKind"]; ck != "unicodeCodePoints" {
		c.ts.Fatalf("%s.columnKind: %v, want unicodeCodePoints (what the regions use)", path, ck)
	}
	if bases, ok := run["originalUriBaseIds"]; ok {
		for k, b := range bases.(map[string]any) {
			loc := c.object(path+".originalUriBaseIds."+k, b, nil, "uri", "uriBaseId")
			if !strings.HasPrefix(c.str(k, loc["uri"]), "file:///") || !strings.HasSuffix(loc["uri"].(string), "/") {
				c.ts.Fatalf("base %s: %v is not an absolute directory URI", k, loc["uri"])
			}
		}
	}
	for i, inv := range c.array(path+".invocations", run["invocations"], 1) {
		ip := fmt.Sprintf("%s.invocations[%d]", path, i)
		m := c.object(ip, inv, []string{"executionSuccessful"}, "toolExecutionNotifications")
		c.success = m["executionSuccessful"] == true
		if n, ok := m["toolExecutionNotifications"]; ok {
			for j, note := range c.array(ip+".toolExecutionNotifications", n, 0) {
				np := fmt.Sprintf("%s.toolExecutionNotifications[%d]", ip, j)
				nm := c.object(np, note, []string{"message"}, "level")
				c.message(np+".message", nm["message"])
			}
		}
	}
	c.replacements = make(map[string][]textedit.Edit)
	for i, r := range c.array(path+".results", run["results"], 0) {
		c.result(fmt.Sprintf("%s.results[%d]", path, i), r, ruleIDs)
	}
}

func (c *sarifChecker) message(path string, v any) {
	m := c.object(path, v, []string{"text"}, "id")
	c.str(path+".text", m["text"])
}

func (c *sarifChecker) result(path string, v any, ruleIDs []string) {
	c.results++
	r := c.object(path, v, []string{"message"}, "ruleId", "ruleIndex", "level", "locations", "relatedLocations", "fixes", "properties")
	if props, ok := r["properties"]; ok {
		if _, ok := props.(map[string]any); !ok { // a property bag: any object
			c.ts.Fatalf("%s.properties: not an object", path)
		}
	}
	c.message(path+".message", r["message"])
	id := c.str(path+".ruleId", r["ruleId"])
	idx := c.num(path+".ruleIndex", r["ruleIndex"], 0)
	if idx >= len(ruleIDs) || ruleIDs[idx] != id {
		c.ts.Fatalf("%s: ruleIndex %d does not name rule %q", path, idx, id)
	}
	if lvl := r["level"]; !slices.Contains([]any{"none", "note", "warning", "error"}, lvl) {
		c.ts.Fatalf("%s.level: %v is not in the schema's enum", path, lvl)
	}
	for i, l := range c.array(path+".locations", r["locations"], 1) {
		c.location(fmt.Sprintf("%s.locations[%d]", path, i), l)
	}
	if rel, ok := r["relatedLocations"]; ok {
		for i, l := range c.array(path+".relatedLocations", rel, 1) {
			c.location(fmt.Sprintf("%s.relatedLocations[%d]", path, i), l)
		}
	}
	if fixes, ok := r["fixes"]; ok {
		for i, f := range c.array(path+".fixes", fixes, 1) {
			c.fix(fmt.Sprintf("%s.fixes[%d]", path, i), f)
		}
	}
}

func (c *sarifChecker) location(path string, v any) {
	l := c.object(path, v, nil, "id", "physicalLocation", "message")
	if id, ok := l["id"]; ok {
		c.num(path+".id", id, -1)
	}
	if m, ok := l["message"]; ok {
		c.message(path+".message", m)
	}
	pl := c.object(path+".physicalLocation", l["physicalLocation"], []string{"artifactLocation"}, "region")
	file := c.artifact(path+".physicalLocation.artifactLocation", pl["artifactLocation"])
	c.region(path+".physicalLocation.region", pl["region"], file)
}

// artifact checks an artifactLocation and returns the file it names.
func (c *sarifChecker) artifact(path string, v any) string {
	a := c.object(path, v, nil, "uri", "uriBaseId")
	uri := c.str(path+".uri", a["uri"])
	if base, ok := a["uriBaseId"]; ok {
		c.expect(path+".uriBaseId", fmt.Sprint(base), "%SRCROOT%")
		return filepath.Join(c.base, filepath.FromSlash(uri))
	}
	return strings.TrimPrefix(uri, "file://")
}

// region checks a region and that its lines and columns (code points) are
// those of its byte range in file; it returns the byte range.
func (c *sarifChecker) region(path string, v any, file string) (start, length int) {
	r := c.object(path, v, nil, "startLine", "startColumn", "endLine", "endColumn", "byteOffset", "byteLength")
	start = c.num(path+".byteOffset", r["byteOffset"], 0)
	length = c.num(path+".byteLength", r["byteLength"], 0)
	data, err := os.ReadFile(file)
	c.ts.Check(err)
	line, col := lineCol(data, start)
	endLine, endCol := lineCol(data, start+length)
	got := fmt.Sprintf("%d:%d-%d:%d", c.num(path+".startLine", r["startLine"], 1), c.num(path+".startColumn", r["startColumn"], 1),
		c.num(path+".endLine", r["endLine"], 1), c.num(path+".endColumn", r["endColumn"], 1))
	c.expect(path+" lines and columns", got, fmt.Sprintf("%d:%d-%d:%d", line, col, endLine, endCol))
	return start, length
}

func (c *sarifChecker) fix(path string, v any) {
	c.fixes++
	f := c.object(path, v, []string{"artifactChanges"}, "description")
	if d, ok := f["description"]; ok {
		c.message(path+".description", d)
	}
	for i, ch := range c.array(path+".artifactChanges", f["artifactChanges"], 1) {
		cp := fmt.Sprintf("%s.artifactChanges[%d]", path, i)
		change := c.object(cp, ch, []string{"artifactLocation", "replacements"})
		file := c.artifact(cp+".artifactLocation", change["artifactLocation"])
		for j, rep := range c.array(cp+".replacements", change["replacements"], 1) {
			rp := fmt.Sprintf("%s.replacements[%d]", cp, j)
			r := c.object(rp, rep, []string{"deletedRegion"}, "insertedContent")
			start, length := c.region(rp+".deletedRegion", r["deletedRegion"], file)
			text := ""
			if ins, ok := r["insertedContent"]; ok {
				m := c.object(rp+".insertedContent", ins, nil, "text", "binary")
				text, _ = m["text"].(string)
			}
			c.replacements[file] = append(c.replacements[file], textedit.Edit{Start: start, End: start + length, New: text, Label: rp})
		}
	}
}

// checkFixed applies the replacements for file, formats the result, and
// compares it with golden.
func (c *sarifChecker) checkFixed(file, golden string) {
	abs := c.ts.MkAbs(file)
	src, err := os.ReadFile(abs)
	c.ts.Check(err)
	merged, err := textedit.Merge(c.replacements[abs])
	c.ts.Check(err)
	fixed, err := textedit.Apply(src, merged)
	c.ts.Check(err)
	fixed, err = format.Source(fixed)
	c.ts.Check(err)
	want, err := os.ReadFile(c.ts.MkAbs(golden))
	c.ts.Check(err)
	if string(fixed) != string(want) {
		c.ts.Fatalf("applying the SARIF fixes to %s gives\n%s\nwant (%s)\n%s", file, fixed, golden, want)
	}
}
