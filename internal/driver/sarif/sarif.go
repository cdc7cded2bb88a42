// Package sarif is the subset of the SARIF 2.1.0 format (OASIS Static Analysis
// Results Interchange Format) that retrylint writes for code scanning:
// results with locations, rules, fixes, and the tool's notifications.
//
// Property names and required properties follow the 2.1.0 JSON schema, which
// forbids properties it does not define; optional ones are omitted when empty.
package sarif

import (
	"encoding/json"
	"io"
)

// Version and Schema identify the format in Log.
const (
	Version = "2.1.0"
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// Log is a SARIF file (sarifLog; required: version, runs).
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one invocation of one tool (required: tool).
type Run struct {
	Tool Tool `json:"tool"`
	// Invocations describe how the run went, with its errors.
	Invocations []Invocation `json:"invocations,omitempty"`
	// OriginalURIBaseIDs gives the absolute location of the base that
	// relative artifact URIs (such as "%SRCROOT%") refer to.
	OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []Result                    `json:"results"`
	// ColumnKind says how columns are counted: "unicodeCodePoints" or
	// "utf16CodeUnits".
	ColumnKind string `json:"columnKind,omitempty"`
}

// Tool names the analysis tool (required: driver).
type Tool struct {
	Driver ToolComponent `json:"driver"`
}

// ToolComponent describes the tool and its rules (required: name).
type ToolComponent struct {
	Name           string                `json:"name"`
	Version        string                `json:"version,omitempty"`
	InformationURI string                `json:"informationUri,omitempty"`
	Rules          []ReportingDescriptor `json:"rules,omitempty"`
}

// ReportingDescriptor is a rule (required: id).
type ReportingDescriptor struct {
	ID               string                    `json:"id"`
	Name             string                    `json:"name,omitempty"`
	ShortDescription *MultiformatMessageString `json:"shortDescription,omitempty"`
	HelpURI          string                    `json:"helpUri,omitempty"`
}

// MultiformatMessageString is plain text (required: text).
type MultiformatMessageString struct {
	Text string `json:"text"`
}

// Message is a message with text (the schema requires text or id).
type Message struct {
	Text string `json:"text"`
}

// Invocation describes how the run went (required: executionSuccessful).
type Invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
}

// Notification is an error met while running (required: message).
type Notification struct {
	Message Message `json:"message"`
	Level   string  `json:"level,omitempty"`
}

// Result is one finding (required: message).
type Result struct {
	RuleID           string     `json:"ruleId,omitempty"`
	RuleIndex        *int       `json:"ruleIndex,omitempty"`
	Level            string     `json:"level,omitempty"`
	Message          Message    `json:"message"`
	Locations        []Location `json:"locations,omitempty"`
	RelatedLocations []Location `json:"relatedLocations,omitempty"`
	Fixes            []Fix      `json:"fixes,omitempty"`
	// Properties is the result's property bag (§3.8): any value that
	// encodes as a JSON object, here the facts of the inventory.
	Properties any `json:"properties,omitempty"`
}

// Location is where a result is (no required properties).
type Location struct {
	// ID numbers related locations within their result.
	ID               *int              `json:"id,omitempty"`
	PhysicalLocation *PhysicalLocation `json:"physicalLocation,omitempty"`
	Message          *Message          `json:"message,omitempty"`
}

// PhysicalLocation is a region of a file (requires artifactLocation or
// address).
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// ArtifactLocation names a file, by a URI relative to URIBaseID or absolute.
type ArtifactLocation struct {
	URI       string `json:"uri,omitempty"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Region is a range of a text file: lines and columns are 1-based (columns
// counted as the run's ColumnKind says), and the byte offset and length give
// the same range exactly.
type Region struct {
	StartLine   int  `json:"startLine,omitempty"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

// Fix is a proposed change (required: artifactChanges).
type Fix struct {
	Description     *Message         `json:"description,omitempty"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

// ArtifactChange is the change to one file (required: artifactLocation and
// at least one replacement).
type ArtifactChange struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Replacements     []Replacement    `json:"replacements"`
}

// Replacement replaces a region (required: deletedRegion).
type Replacement struct {
	DeletedRegion   Region           `json:"deletedRegion"`
	InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
}

// ArtifactContent is inserted text.
type ArtifactContent struct {
	Text string `json:"text"`
}

// Write writes log as indented JSON.
func (log *Log) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
