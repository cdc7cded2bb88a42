package driver

import (
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// factStore holds the object facts that the analyzer exports, keyed as
// unitchecker keys them across processes: by package path and object path.
// A fact is then found whatever copy of its package the importer was
// type-checked against: the package itself, a test variant of it, or its
// export data (for a package that was analysed in a load of its own).
type factStore struct {
	mu    sync.Mutex
	byPkg map[string]map[factKey]analysis.Fact // by package path
}

type factKey struct {
	obj objectpath.Path
	typ reflect.Type
}

func newFactStore() *factStore {
	return &factStore{byPkg: make(map[string]map[factKey]analysis.Fact)}
}

// carry returns a copy of a whose passes also export their object facts to
// s and, when the driver finds none, import them from s.
func (s *factStore) carry(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	run := a.Run
	c.Run = func(pass *analysis.Pass) (any, error) {
		// One encoder per pass: it indexes each package it searches once.
		enc := new(objectpath.Encoder)
		imp, exp := pass.ImportObjectFact, pass.ExportObjectFact
		pass.ImportObjectFact = func(obj types.Object, f analysis.Fact) bool {
			return imp(obj, f) || s.lookup(enc, obj, f)
		}
		pass.ExportObjectFact = func(obj types.Object, f analysis.Fact) {
			exp(obj, f)
			s.add(enc, obj, f)
		}
		return run(pass)
	}
	return &c
}

// add records f for obj; objects without an object path (unexported
// functions, locals) cannot be named by other packages and are skipped.
func (s *factStore) add(enc *objectpath.Encoder, obj types.Object, f analysis.Fact) {
	p, err := enc.For(obj)
	if err != nil {
		return
	}
	path := obj.Pkg().Path()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byPkg[path] == nil {
		s.byPkg[path] = make(map[factKey]analysis.Fact)
	}
	s.byPkg[path][factKey{p, reflect.TypeOf(f)}] = f
}

// lookup copies into f the fact of f's type recorded for obj, and reports
// whether there was one.
func (s *factStore) lookup(enc *objectpath.Encoder, obj types.Object, f analysis.Fact) bool {
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	s.mu.Lock()
	none := len(s.byPkg[obj.Pkg().Path()]) == 0
	s.mu.Unlock()
	if none {
		return false // most packages have no facts: no object path to compute
	}
	p, err := enc.For(obj)
	if err != nil {
		return false
	}
	s.mu.Lock()
	got, ok := s.byPkg[obj.Pkg().Path()][factKey{p, reflect.TypeOf(f)}]
	s.mu.Unlock()
	if ok {
		reflect.ValueOf(f).Elem().Set(reflect.ValueOf(got).Elem())
	}
	return ok
}
