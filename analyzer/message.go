package analyzer

import (
	"fmt"
	"go/ast"
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/retrylint/retrylint/internal/shape"
)

// message says what was found and what was understood about it, for example
// "hand-rolled retry loop (5 attempts, exponential backoff from 500ms) can be
// replaced by retry.Do". The words come from the model (shape.Retry.Summary),
// as the fix's options do.
func message(pass *analysis.Pass, r *shape.Retry, retryPkg string) string {
	var b strings.Builder
	if r.Category == shape.RetryFunc {
		fmt.Fprintf(&b, "hand-rolled retry function %s", funcName(r.Func.Node))
	} else {
		b.WriteString("hand-rolled retry loop")
	}
	if parts := r.Summary(pass.TypesInfo); len(parts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, " can be replaced by %s.Do", path.Base(retryPkg))
	return b.String()
}

func funcName(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "literal"
}
