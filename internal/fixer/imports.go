package fixer

import (
	"go/ast"
	"go/token"
	"go/types"
	pathpkg "path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// importNames are the names the fixed code uses for the packages it calls,
// and what the file imports. They depend on the file alone, never on the
// loop, so that every fix of a file adds the same imports with the same
// edits, which drivers merge.
type importNames struct {
	retry, context, time string
	// errors names the errors package, for the sentinel of a value-only
	// operation.
	errors string
	// imported maps the paths the file imports to their names.
	imported map[string]string
}

// fileNames chooses the names for the file: an existing import is reused,
// and a name the file already uses for something else is replaced by a fresh
// one.
//
// loops are the loops the fixes of the file replace. A name a fixed call
// would see shadowed is taken: one declared around a loop or inside its
// body (where the closure and its guards go). The variables of a loop's
// own header (for retry := 0; ...) go with the loop, so they are free, and
// so are the variables freed declares: those of statements the fixes delete
// (var retry int before the loop, when only the loop read it).
// Where a fix replaces no loop (a retry by recursion), every name of the
// file is taken.
func fileNames(info *types.Info, pkg *types.Package, file *ast.File, retryPath string, loops []ast.Stmt, freed map[types.Object]bool) *importNames {
	used := map[string]bool{}
	// An import's name shares the package block with the declarations of
	// every file of the package.
	for _, name := range pkg.Scope().Names() {
		used[name] = true
	}
	if slices.Contains(loops, nil) || len(loops) == 0 {
		ast.Inspect(file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
			}
			return true
		})
	}
	for _, loop := range loops {
		if loop == nil {
			continue
		}
		own := info.Scopes[loop]
		for sc := pkg.Scope().Innermost(loop.Pos()); sc != nil && sc != pkg.Scope(); sc = sc.Parent() {
			if sc == own {
				continue
			}
			for _, name := range sc.Names() {
				if !freed[sc.Lookup(name)] {
					used[name] = true
				}
			}
		}
		var body *ast.BlockStmt
		switch l := loop.(type) {
		case *ast.ForStmt:
			body = l.Body
		case *ast.RangeStmt:
			body = l.Body
		}
		ast.Inspect(body, func(n ast.Node) bool {
			if sc := info.Scopes[n]; sc != nil {
				for _, name := range sc.Names() {
					used[name] = true
				}
			}
			return true
		})
	}
	n := &importNames{imported: map[string]string{}}
	for _, spec := range file.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		name := importName(info, spec)
		used[name] = true
		if name == "_" || name == "." || name == "" {
			continue
		}
		n.imported[path] = name
	}
	pick := func(path string, candidates ...string) string {
		if name, ok := n.imported[path]; ok {
			return name
		}
		for _, c := range candidates {
			if !used[c] {
				used[c] = true
				return c
			}
		}
		for i := 2; ; i++ {
			c := candidates[0] + strconv.Itoa(i)
			if !used[c] {
				used[c] = true
				return c
			}
		}
	}
	n.retry = pick(retryPath, defaultName(retryPath), defaultName(retryPath)+"pkg")
	n.context = pick("context", "context", "stdcontext")
	n.time = pick("time", "time", "stdtime")
	n.errors = pick("errors", "errors", "stderrors")
	return n
}

// nameOf returns the name the fixed code uses for a package it needs.
func (n *importNames) nameOf(path, retryPath string) string {
	switch path {
	case "context":
		return n.context
	case "time":
		return n.time
	case "errors":
		return n.errors
	case retryPath:
		return n.retry
	}
	return ""
}

// defaultName is the name a package gets when imported without one: its last
// path element, without a major version suffix.
func defaultName(path string) string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && isDigits(last[1:]) {
		last = elems[len(elems)-2]
	}
	last = strings.TrimPrefix(last, "go-")
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' {
			return '_'
		}
		return r
	}, last)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// importSpec writes one import line, naming the package unless its name is
// certainly the last element of its path.
func importSpec(name, path string) string {
	if name == pathpkg.Base(path) {
		return strconv.Quote(path)
	}
	return name + " " + strconv.Quote(path)
}

func isStd(path string) bool {
	first := strings.SplitN(path, "/", 2)[0]
	return !strings.Contains(first, ".")
}

// importEdits adds the imports the fixes of a file need and removes those in
// drop. Each added import goes where gofmt and goimports would keep it:
// context among the standard library group, the retry package in the group
// of other modules (or a new group at the end). Imports that land at the same
// place share one edit. The edits depend on the file and on what all its
// fixes need, so every fix of the file carries the same ones.
func importEdits(s *source, file *ast.File, n *importNames, retryPath string, need []string, drop map[*ast.ImportSpec]bool, e *edits) {
	type add struct {
		path, spec string
	}
	var adds []add
	for _, path := range need {
		if _, ok := n.imported[path]; !ok {
			adds = append(adds, add{path, importSpec(n.nameOf(path, retryPath), path)})
		}
	}
	sort.SliceStable(adds, func(i, j int) bool {
		if isStd(adds[i].path) != isStd(adds[j].path) {
			return isStd(adds[i].path)
		}
		return adds[i].path < adds[j].path
	})
	pathOf := func(is *ast.ImportSpec) string {
		p, _ := strconv.Unquote(is.Path.Value)
		return p
	}
	startOf := func(is *ast.ImportSpec) token.Pos {
		if is.Doc != nil {
			return is.Doc.Pos()
		}
		return is.Pos()
	}

	// Removals, and the declaration that receives the new imports: the
	// first grouped one that keeps a spec, else one that keeps a spec.
	var decl *ast.GenDecl
	var kept []*ast.ImportSpec
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		var keep []*ast.ImportSpec
		for _, sp := range gd.Specs {
			if !drop[sp.(*ast.ImportSpec)] {
				keep = append(keep, sp.(*ast.ImportSpec))
			}
		}
		switch {
		case len(keep) == 0:
			e.deleteLines(s, gd.Pos(), gd.End())
		case len(keep) < len(gd.Specs):
			// Delete the dropped specs a group at a time, so that a group
			// that goes entirely takes the blank line that set it apart.
			var groups [][]*ast.ImportSpec
			for i, sp := range gd.Specs {
				is := sp.(*ast.ImportSpec)
				if i == 0 || s.hasBlankBetween(gd.Specs[i-1].(*ast.ImportSpec), is) {
					groups = append(groups, nil)
				}
				groups[len(groups)-1] = append(groups[len(groups)-1], is)
			}
			for gi, g := range groups {
				all := true
				for _, is := range g {
					all = all && drop[is]
				}
				if !all {
					for _, is := range g {
						if drop[is] {
							e.deleteLines(s, startOf(is), is.End())
						}
					}
					continue
				}
				from, to := s.lineStart(startOf(g[0])), s.lineEnd(g[len(g)-1].End())+1
				if gi > 0 {
					from = s.lineEnd(groups[gi-1][len(groups[gi-1])-1].End()) + 1 // the blank line before
				} else if gi+1 < len(groups) {
					to = s.lineStart(startOf(groups[gi+1][0])) // the blank line after
				}
				e.replace(from, to, "")
			}
		}
		if len(keep) > 0 && (decl == nil || !decl.Lparen.IsValid() && gd.Lparen.IsValid()) {
			decl, kept = gd, keep
		}
	}
	if len(adds) == 0 {
		return
	}
	if decl == nil {
		var b strings.Builder
		b.WriteString("\n\nimport (")
		for i, a := range adds {
			if i > 0 && isStd(adds[i-1].path) != isStd(a.path) {
				b.WriteString("\n")
			}
			b.WriteString("\n\t" + a.spec)
		}
		b.WriteString("\n)")
		e.insert(s.lineEnd(file.Name.End()), b.String())
		return
	}

	// The groups of the declaration: runs of kept specs without a blank
	// line between them.
	var groups [][]*ast.ImportSpec
	for i, is := range kept {
		if i == 0 || s.tok.Line(startOf(is)) > s.tok.Line(kept[i-1].End())+1 || s.hasBlankBetween(kept[i-1], is) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], is)
	}
	stdGroup := func(g []*ast.ImportSpec) bool {
		for _, is := range g {
			if !isStd(pathOf(is)) {
				return false
			}
		}
		return true
	}
	// An insertion is placed before a spec (at its start) or after a spec's
	// line (at the newline that ends it); blank separates groups.
	type line struct {
		spec  string
		blank bool // a blank line separates it from the existing spec
	}
	type insertion struct {
		pos    token.Pos
		before bool
		lines  []line
	}
	var ins []*insertion
	place := func(pos token.Pos, before bool, l line) {
		for _, x := range ins {
			if x.pos == pos && x.before == before {
				x.lines = append(x.lines, l)
				return
			}
		}
		ins = append(ins, &insertion{pos: pos, before: before, lines: []line{l}})
	}
	for _, a := range adds {
		var target []*ast.ImportSpec
		for _, g := range groups {
			if stdGroup(g) == isStd(a.path) {
				target = g
				if isStd(a.path) {
					break // the first standard group
				}
			}
		}
		if target == nil && len(groups) == 1 && !stdGroup(groups[0]) {
			target = groups[0] // one mixed group: keep it sorted as one
		}
		if target == nil {
			// A group of its own: before the first group for the standard
			// library, after the last one for other modules.
			if isStd(a.path) {
				place(startOf(groups[0][0]), true, line{a.spec, true})
			} else {
				last := groups[len(groups)-1]
				place(s.lineEnd(last[len(last)-1].End()), false, line{a.spec, true})
			}
			continue
		}
		var before *ast.ImportSpec
		for _, is := range target {
			if pathOf(is) > a.path {
				before = is
				break
			}
		}
		if before != nil {
			place(startOf(before), true, line{a.spec, false})
		} else {
			place(s.lineEnd(target[len(target)-1].End()), false, line{a.spec, false})
		}
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].pos < ins[j].pos })
	const indent = "\t"
	render := func(x *insertion) string {
		var b strings.Builder
		for _, l := range x.lines {
			if x.before {
				b.WriteString(l.spec + "\n")
				if l.blank {
					b.WriteString("\n")
				}
				b.WriteString(indent)
			} else {
				b.WriteString("\n")
				if l.blank {
					b.WriteString("\n")
				}
				b.WriteString(indent + l.spec)
			}
		}
		return b.String()
	}
	if decl.Lparen.IsValid() {
		for _, x := range ins {
			e.insert(x.pos, render(x))
		}
		return
	}
	// import "x": make it a group that holds the new imports too.
	only := kept[0]
	open, closing := "(\n"+indent, "\n)"
	for _, x := range ins {
		if x.before {
			open += render(x)
		} else {
			closing = render(x) + closing
		}
	}
	e.insert(startOf(only), open)
	e.insert(s.lineEnd(only.End()), closing)
}

// hasBlankBetween reports whether a blank line separates two specs.
func (s *source) hasBlankBetween(a, b *ast.ImportSpec) bool {
	text := s.src[s.off(a.End()):s.off(b.Pos())]
	return strings.Contains(string(text), "\n\n") || strings.Contains(strings.ReplaceAll(string(text), "\t", ""), "\n\n")
}

// unusedImports returns the imports of the original file whose name the
// fixed file no longer uses.
func unusedImports(info *types.Info, orig, fixed *ast.File) map[*ast.ImportSpec]bool {
	used := map[string]bool{}
	ast.Inspect(fixed, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	out := map[*ast.ImportSpec]bool{}
	for _, is := range orig.Imports {
		name := importName(info, is)
		if name == "_" || name == "." || name == "" || is.Path.Value == `"C"` {
			continue
		}
		if !used[name] {
			out[is] = true
		}
	}
	return out
}

// importName is the name an import declares in the file: its own name, or
// the name of the package (which its path does not always tell, as in
// github.com/nats-io/nats.go, package nats).
func importName(info *types.Info, spec *ast.ImportSpec) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	if pn := info.PkgNameOf(spec); pn != nil {
		return pn.Name()
	}
	return ""
}

// declaredBy returns the variables a statement (or a var spec) declares.
func declaredBy(info *types.Info, n ast.Node) []types.Object {
	var out []types.Object
	var ids []*ast.Ident
	switch n := n.(type) {
	case *ast.ValueSpec:
		ids = n.Names
	case *ast.DeclStmt:
		if g, ok := n.Decl.(*ast.GenDecl); ok {
			for _, sp := range g.Specs {
				if vs, ok := sp.(*ast.ValueSpec); ok {
					ids = append(ids, vs.Names...)
				}
			}
		}
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				ids = append(ids, id)
			}
		}
	}
	for _, id := range ids {
		if obj, ok := info.Defs[id].(*types.Var); ok {
			out = append(out, obj)
		}
	}
	return out
}
