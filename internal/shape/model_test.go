package shape_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/retrylint/retrylint/internal/shape"
)

// find type-checks src, a file of package p that imports only the standard
// library, and returns the retries Find reports in it.
func find(t *testing.T, src string) []*shape.Retry {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{
		Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info,
		ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact: func(types.Object, analysis.Fact) {},
	}
	return shape.Find(pass, inspector.New([]*ast.File{f}), shape.Options{RetryPackage: "example.com/retry"})
}

// one returns the single retry of src.
func one(t *testing.T, src string) *shape.Retry {
	t.Helper()
	rs := find(t, src)
	if len(rs) != 1 {
		t.Fatalf("Find reports %d retries, want 1", len(rs))
	}
	return rs[0]
}

// TestModelCounted checks the model of a counted loop with an exponential
// backoff: what the message and the fix both render comes from these
// fields.
func TestModelCounted(t *testing.T) {
	r := one(t, `package p

import "time"

func op() error { return nil }

func Call() error {
	var err error
	for i := 0; i < 5; i++ {
		if err = op(); err == nil {
			return nil
		}
		time.Sleep(100 * time.Millisecond << i)
	}
	return err
}
`)
	if r.Category != shape.CountedLoop {
		t.Errorf("Category = %v, want CountedLoop", r.Category)
	}
	if r.Bound.Kind != shape.ByCount || !r.Bound.Attempts.IsConst || r.Bound.Attempts.Const != 5 {
		t.Errorf("Bound = %+v, want 5 attempts", r.Bound)
	}
	if r.Bound.Counter == nil || r.Bound.Counter.Var.Name() != "i" {
		t.Errorf("Bound.Counter = %+v, want i", r.Bound.Counter)
	}
	if r.Wait == nil || r.Wait.Kind != shape.Sleep {
		t.Errorf("Wait = %+v, want a time.Sleep", r.Wait)
	}
	s := r.Schedule
	if s.Kind != shape.Exponential || s.Factor != 2 || s.Initial.Value != 100*time.Millisecond {
		t.Errorf("Schedule = %v, factor %v, from %v; want Exponential x2 from 100ms", s.Kind, s.Factor, s.Initial.Value)
	}
	if r.Op.Call == nil || types.ExprString(r.Op.Call) != "op()" || r.Op.Err == nil || r.Op.Err.Name() != "err" {
		t.Errorf("Op = %+v, want op() into err", r.Op)
	}
	if len(r.Classes) != 0 {
		t.Errorf("Classes = %d, want none: every error is retried", len(r.Classes))
	}
	if r.NoFix != shape.NoReason {
		t.Errorf("NoFix = %q, want none", r.NoFix)
	}
	// Success returns from inside the loop; running out leaves by the
	// loop's condition, to the code after it (return err).
	if r.Exits.Success.Return == nil || r.Exits.Exhausted.Return != nil || len(r.Loop.After) != 1 {
		t.Errorf("Exits = %+v, after the loop %d statements; want a return on success, and the code after the loop when the attempts run out", r.Exits, len(r.Loop.After))
	}
}

// TestModelClassesAndCtx checks a loop that gives up on one error, waits
// in a select that watches its context, and is bounded by nothing else.
func TestModelClassesAndCtx(t *testing.T) {
	r := one(t, `package p

import (
	"context"
	"errors"
	"time"
)

var ErrFatal = errors.New("fatal")

func op(ctx context.Context) error { return nil }

func Call(ctx context.Context) error {
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		if errors.Is(err, ErrFatal) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}
`)
	if r.Bound.Kind != shape.Unbounded {
		t.Errorf("Bound.Kind = %v, want Unbounded (only the context ends it)", r.Bound.Kind)
	}
	if r.Wait == nil || r.Wait.Kind != shape.Select || r.Wait.Ctx == nil || r.Wait.Ctx.Name() != "ctx" {
		t.Errorf("Wait = %+v, want a select watching ctx", r.Wait)
	}
	if r.Schedule.Kind != shape.Constant || r.Schedule.Initial.Value != time.Second {
		t.Errorf("Schedule = %v from %v, want Constant 1s", r.Schedule.Kind, r.Schedule.Initial.Value)
	}
	if len(r.Classes) != 1 || !r.Classes[0].GiveUpWhen || types.ExprString(r.Classes[0].Cond) != "errors.Is(err, ErrFatal)" {
		t.Errorf("Classes = %+v, want one: give up when errors.Is(err, ErrFatal)", r.Classes)
	}
	if r.Exits.Interrupted == nil {
		t.Error("Exits.Interrupted = nil, want the return of ctx.Err()")
	}
}

// TestModelLookalike checks that a loop walking items, which goes on after
// each success, is no retry.
func TestModelLookalike(t *testing.T) {
	rs := find(t, `package p

func send(int) error { return nil }

func All(n int) (failed int) {
	for i := 0; i < n; i++ {
		if err := send(i); err != nil {
			failed++
		}
	}
	return failed
}
`)
	if len(rs) != 0 {
		t.Errorf("Find reports %d retries in a loop over items, want none", len(rs))
	}
}
