package code

import (
	"go/ast"
	"go/types"
	"path"
	"strings"
)

// This file tells what the side work of a retry is: a log line or a metric.
// Both are conventions more than types, so the predicates read names: the
// standard logging packages and the methods every logging library shares,
// the metrics libraries and the verbs of a counter.

// IsLogCall reports whether call writes a log line: a function of log,
// log/slog or fmt's Print family, a function of a logging package (glog,
// klog) named like a log level, or such a method of a logger: a type of
// log/slog, testing, or a package or type whose name says log (zap,
// logrus, zerolog, hclog, a Logger interface of the code's own).
//
// testing's Log and Logf count; its Error and Fatal report a failure.
func IsLogCall(info *types.Info, call *ast.CallExpr) bool {
	if call == nil {
		return false
	}
	if p, n, ok := PkgFunc(info, call); ok {
		switch p {
		case "log", "log/slog":
			return true
		case "fmt":
			return strings.HasPrefix(n, "Print") || strings.HasPrefix(n, "Fprint") && writesToStd(info, call)
		}
		return isLogPackage(p) && isLogVerb(n)
	}
	fn := Method(info, call)
	if fn == nil || !isLogVerb(fn.Name()) {
		return false
	}
	p, n := RecvNamed(fn)
	switch p {
	case "log", "log/slog":
		return true
	case "testing":
		return strings.HasPrefix(fn.Name(), "Log") // t.Error reports a failure
	}
	return isLogPackage(p) || strings.Contains(strings.ToLower(n), "log")
}

// writesToStd reports whether a call of fmt.Fprint* writes to os.Stderr or
// os.Stdout.
func writesToStd(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) == 0 {
		return false
	}
	sel, ok := ast.Unparen(call.Args[0]).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := info.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == "os" && (v.Name() == "Stderr" || v.Name() == "Stdout")
}

// isLogPackage reports whether the last element of an import path names a
// logging package (log, glog, klog, logrus, zerolog, hclog, logr).
func isLogPackage(importPath string) bool {
	base := strings.ToLower(path.Base(importPath))
	return strings.Contains(base, "log") && !strings.Contains(base, "catalog") && !strings.Contains(base, "blog")
}

// isLogVerb reports whether a function name is one that logging libraries
// share: Print, Info, Warnf, Errorw, Debug, Log, Msg, ... (not Fatal or
// Panic, which end the program instead).
func isLogVerb(name string) bool {
	for _, suffix := range []string{"Context", "Attrs", "f", "w", "ln"} {
		if t := strings.TrimSuffix(name, suffix); t != name && isLogVerb(t) {
			return true
		}
	}
	switch name {
	case "Print", "Trace", "Debug", "Info", "Notice", "Warn", "Warning", "Error", "Log", "Msg":
		return true
	}
	return false
}

// IsMetricCall reports whether call records a metric: a method that counts,
// adds, sets or observes (Inc, Add, Observe, Set, Record, Incr, Histogram,
// ...) of a type of a metrics library (prometheus, OpenTelemetry, expvar,
// statsd, go-metrics) or of a type whose name says what it measures
// (Counter, Gauge, Histogram), or of sync/atomic (a counter the code keeps
// itself); or a function of a metrics package.
func IsMetricCall(info *types.Info, call *ast.CallExpr) bool {
	if call == nil {
		return false
	}
	if p, n, ok := PkgFunc(info, call); ok {
		if p == "sync/atomic" {
			return strings.HasPrefix(n, "Add")
		}
		return isMetricPackage(p) && n != "New" && !strings.HasPrefix(n, "New") && !strings.HasPrefix(n, "Must")
	}
	fn := Method(info, call)
	if fn == nil || !isMetricVerb(fn.Name()) {
		return false
	}
	p, n := RecvNamed(fn)
	if p == "sync/atomic" {
		return fn.Name() == "Add"
	}
	if isMetricPackage(p) {
		return true
	}
	n = strings.ToLower(n)
	for _, word := range []string{"counter", "gauge", "histogram", "metric", "meter", "stats", "summary", "observer"} {
		if strings.Contains(n, word) {
			return true
		}
	}
	return false
}

// isMetricPackage reports whether an import path is that of a metrics
// library.
func isMetricPackage(importPath string) bool {
	if importPath == "expvar" {
		return true
	}
	p := strings.ToLower(importPath)
	for _, word := range []string{"prometheus", "metric", "statsd", "opencensus", "go.opentelemetry.io/otel", "datadog", "stats"} {
		if strings.Contains(p, word) {
			return true
		}
	}
	return false
}

// isMetricVerb reports whether a method name is one that records a value.
func isMetricVerb(name string) bool {
	switch name {
	case "Inc", "Dec", "Add", "Sub", "Set", "Observe", "Record", "Incr", "Increment", "Decr",
		"Count", "Gauge", "Histogram", "Distribution", "Timing", "Mark", "Update", "Emit":
		return true
	}
	return false
}
