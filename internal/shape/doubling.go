package shape

import (
	"go/ast"
	"go/types"

	"github.com/retrylint/retrylint/internal/code"
)

// doubling reads v, a variable the delay d reads and the loop changes, as
// one that doubles after each wait up to a cap (retry := 16 before the
// loop; time.After(time.Duration(rand.Intn(retry)) * time.Millisecond);
// if retry < 2048 { retry <<= 1 } after the wait): its values at the waits
// of the trace are known and are Initial << min(n-1, MaxShift), the cap
// reached within the trace. Only where nothing but the delay reads v, and
// only the wait itself changes it, so that computing it from the attempt
// number is all a delay function needs.
func (a *reading) doubling(v *types.Var, d *DelayExpr) (StateVar, bool) {
	w := a.r.Wait
	if w == nil || w.Stmt == nil || code.DeclaredIn(v, a.lc.loop) || !isIntType(v.Type()) {
		return StateVar{}, false
	}
	// Changed only inside the wait (the timer's case), read only by the
	// delay, the changes and the declaration.
	ok := true
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		s, isStmt := n.(ast.Stmt)
		if isStmt && code.Assigned(a.m.info, s)[v] && !code.Within(s, w.Stmt) {
			if _, block := s.(*ast.BlockStmt); !block {
				if _, isIf := s.(*ast.IfStmt); !isIf {
					if _, isSel := s.(*ast.SelectStmt); !isSel {
						if _, isCase := s.(*ast.CommClause); !isCase {
							ok = false
						}
					}
				}
			}
		}
		return ok
	})
	if !ok || a.m.usedOutside(a.lc.fnBody, v, a.lc.loop) {
		return StateVar{}, false
	}
	ast.Inspect(a.lc.body, func(n ast.Node) bool {
		id, isId := n.(*ast.Ident)
		if !isId || a.m.info.Uses[id] != v {
			return ok
		}
		if code.Within(id, d.Expr) || code.Within(id, w.Stmt) && !code.Within(id, w.Delay) {
			return ok
		}
		ok = false
		return ok
	})
	if !ok {
		return StateVar{}, false
	}
	// Its value at each wait of the main path.
	var seq []int64
	for _, ev := range a.tr.main {
		if ev.kind != waitEvent {
			continue
		}
		x, known := ev.env[key{v: v}]
		if !known || x.kind != intV || x.rnd || x.probe {
			return StateVar{}, false
		}
		seq = append(seq, x.i)
	}
	if len(seq) < 3 || seq[0] <= 0 {
		return StateVar{}, false
	}
	sv := StateVar{Var: v, Initial: seq[0], MaxShift: -1}
	for n, x := range seq {
		want := seq[0] << min(int64(n), 62)
		if sv.MaxShift >= 0 {
			want = seq[0] << sv.MaxShift
		}
		if x != want {
			if sv.MaxShift >= 0 || n == 0 || x != seq[n-1] {
				return StateVar{}, false
			}
			sv.MaxShift = int64(n - 1) // it stopped doubling: the cap
		}
	}
	// The cap must show within the trace, and hold for a few waits: a
	// doubling without one overflows, where a delay function would not.
	if sv.MaxShift < 0 || int64(len(seq))-sv.MaxShift < 3 {
		return StateVar{}, false
	}
	return sv, true
}
