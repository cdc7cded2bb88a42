package shape

// WaitHelper is the fact that a function only waits: it sleeps for one of its
// duration parameters, or until its context ends, and does nothing else that
// a retry loop would have to keep. A call of such a function between two
// attempts is a wait, wherever the function is declared.
type WaitHelper struct {
	// Delay is the index of the duration parameter (counting a method's
	// receiver as not a parameter); -1 when the function computes its delay.
	Delay int
	// Ctx is the index of the context.Context parameter; -1 when none.
	Ctx int
}

// AFact marks WaitHelper as an analysis fact.
func (*WaitHelper) AFact() {}

func (w *WaitHelper) String() string { return "waits" }
