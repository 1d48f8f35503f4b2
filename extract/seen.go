package extract

// Seen remembers statements by fingerprint, so that a statement found again
// (reprinted in a news feed, or saved from two sites) is reported once, under
// the first file that holds it. The zero value is ready to use.
type Seen struct {
	first map[string]Origin
}

// Origin is where a statement was first found.
type Origin struct {
	File      string
	Index     int // 1-based position among the file's statements
	Statement *Statement
}

// Add records st, the index-th statement (1-based) of file. When st is a
// copy of a statement added before, Add reports true and where the first
// copy was. A copy can still mend the first: a reprint that drops the
// section numerals or the title leaves them empty in the first copy, and a
// later copy that has them fills them in.
func (s *Seen) Add(file string, index int, st *Statement) (Origin, bool) {
	if s.first == nil {
		s.first = map[string]Origin{}
	}
	o, dup := s.first[st.Fingerprint]
	if !dup {
		s.first[st.Fingerprint] = Origin{file, index, st}
		return Origin{}, false
	}
	fillGaps(o.Statement, st)
	return o, true
}

// fillGaps copies to st what its copy c has and st lacks.
func fillGaps(st, c *Statement) {
	if st.Date.IsZero() {
		st.Date = c.Date
	}
	if st.Untitled && !c.Untitled {
		st.Title, st.Untitled = c.Title, false
	}
	if len(st.Commitments) != len(c.Commitments) {
		return
	}
	for i := range st.Commitments {
		if st.Commitments[i].Section == "" {
			st.Commitments[i].Section = c.Commitments[i].Section
		}
	}
}
