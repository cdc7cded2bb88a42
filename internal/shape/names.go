package shape

// String returns the name of the shape, as written in Go (CountedLoop).
func (k Kind) String() string {
	switch k {
	case CountedLoop:
		return "CountedLoop"
	case WhileCounter:
		return "WhileCounter"
	case TimeBudget:
		return "TimeBudget"
	case RetryFunc:
		return "RetryFunc"
	case Unbounded:
		return "Unbounded"
	}
	return "Kind(0)"
}

// String returns the name of the wait kind (Sleep, Select, ...).
func (k WaitKind) String() string {
	switch k {
	case Sleep:
		return "Sleep"
	case After:
		return "After"
	case Select:
		return "Select"
	case Timer:
		return "Timer"
	case Helper:
		return "Helper"
	}
	return "WaitKind(0)"
}

// String returns the name of the schedule kind (Constant, Exponential, ...).
func (k ScheduleKind) String() string {
	switch k {
	case Constant:
		return "Constant"
	case Linear:
		return "Linear"
	case Exponential:
		return "Exponential"
	case Custom:
		return "Custom"
	}
	return "Unknown"
}
