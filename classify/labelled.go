package classify

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"pledge/extract"
)

// Labelled is one row of a labelled file: a label and a text.
type Labelled struct {
	Line  int // 1-based line in the file
	Label string
	Text  string
}

// ParseError is a malformed row of a labelled file, with its line.
type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

// Errors a ParseError may hold.
var (
	ErrNoTab      = errors.New("no tab between label and text")
	ErrEmptyLabel = errors.New("empty label")
	ErrEmptyText  = errors.New("empty text")
	ErrEncoding   = errors.New("not UTF-8 text (nor UTF-16 or GB18030)")
)

// ReadLabelled reads a labelled file: label<TAB>text a line, with blank
// lines and lines starting with # left out. The file may be UTF-8 (with or
// without a byte-order mark), UTF-16 with a byte-order mark, or GB18030; a
// file that is none of these is an error at its first line that is not
// UTF-8. Labels are trimmed of spaces; they may be anything (a user's own
// taxonomy), but not empty.
func ReadLabelled(data []byte) ([]Labelled, error) {
	text, err := extract.Decode(data)
	if errors.Is(err, extract.ErrEmpty) {
		return nil, nil
	}
	if err != nil {
		return nil, &ParseError{firstBadLine(data), ErrEncoding}
	}
	var out []Labelled
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		label, rest, ok := strings.Cut(line, "\t")
		switch {
		case !ok:
			return nil, &ParseError{i + 1, ErrNoTab}
		case strings.TrimSpace(label) == "":
			return nil, &ParseError{i + 1, ErrEmptyLabel}
		case strings.TrimSpace(rest) == "":
			return nil, &ParseError{i + 1, ErrEmptyText}
		}
		out = append(out, Labelled{i + 1, strings.TrimSpace(label), strings.TrimSpace(rest)})
	}
	return out, nil
}

// firstBadLine returns the line of the first byte that is not UTF-8.
func firstBadLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return line
}

// Examples tokenizes labelled rows for training or evaluation.
func Examples(rows []Labelled, tok *Tokenizer) []Example {
	out := make([]Example, len(rows))
	for i, r := range rows {
		out[i] = Example{r.Label, tok.Tokens(r.Text)}
	}
	return out
}
