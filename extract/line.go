package extract

import "strings"

// text is a piece of a document in two forms with the same byte layout:
// o as the file wrote it (normalised), and s with its traditional
// characters simplified, on which every cue is matched. Cutting both at
// the same byte offsets keeps them aligned, so what pledge finds on s it
// reports in the words of o.
type text struct {
	s, o string
}

// newText makes the two forms of normalised text.
func newText(o string) text { return text{Simplify(o), o} }

func (t text) slice(i, j int) text { return text{t.s[i:j], t.o[i:j]} }
func (t text) from(i int) text     { return text{t.s[i:], t.o[i:]} }

// join concatenates texts.
func join(ts ...text) text {
	var s, o strings.Builder
	for _, t := range ts {
		s.WriteString(t.s)
		o.WriteString(t.o)
	}
	return text{s.String(), o.String()}
}
