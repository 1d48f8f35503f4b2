package extract

import (
	"strings"

	"pledge/script"
)

// text is a piece of a document in two forms with the same byte layout:
// o as the file wrote it (normalised), and s with its traditional
// characters simplified, on which every cue is matched. Cutting both at
// the same byte offsets keeps them aligned, so what pledge finds on s it
// reports in the words of o.
type text struct {
	s, o string
	line int // the line of the file it starts on, from 1; 0 when unknown
}

// newText makes the two forms of normalised text that starts on line.
func newText(o string, line int) text { return text{script.Simplify(o), o, line} }

func (t text) slice(i, j int) text { return text{t.s[i:j], t.o[i:j], t.line} }
func (t text) from(i int) text     { return text{t.s[i:], t.o[i:], t.line} }

// join concatenates texts; the result starts where the first does.
func join(ts ...text) text {
	var s, o strings.Builder
	for _, t := range ts {
		s.WriteString(t.s)
		o.WriteString(t.o)
	}
	if len(ts) == 0 {
		return text{}
	}
	return text{s.String(), o.String(), ts[0].line}
}
