package analyzer

import "go/constant"

// constInt returns v as an int64 when it is an integer constant that fits.
func constInt(v constant.Value) (int64, bool) {
	v = constant.ToInt(v)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}
