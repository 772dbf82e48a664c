package chapters

// MayHoldTimes reports whether notes may hold a timestamp at all: a
// digit, then ':', '.' or ',', then a digit. ExtractText finds nothing in
// notes where it is false, so a caller that keeps notes out of memory
// (podfeed build) need not read them again to look.
func MayHoldTimes(notes string) bool { return mayHoldTime(notes) }
