package classify

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	stdunicode "unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
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
	// ErrControlLabel is a label with a line break or another control
	// character: it would break every table it is printed in.
	ErrControlLabel = errors.New("a label with a control character (a line break, a tab)")
)

// ReadLabelled reads a labelled file: label<TAB>text a line, with blank
// lines and lines starting with # left out. The file may be UTF-8 (with or
// without a byte-order mark), UTF-16 with a byte-order mark, or GB18030; a
// line that is none of these is an error at that line. Labels are trimmed
// of spaces; they may be anything (a user's own taxonomy), but not empty,
// and not hold control characters.
func ReadLabelled(data []byte) ([]Labelled, error) {
	var out []Labelled
	err := EachLabelled(bytes.NewReader(data), func(l Labelled) error {
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// maxLine bounds a line of a labelled file: a row is a sentence or two.
const maxLine = 1 << 20

// EachLabelled reads a labelled file as ReadLabelled does, a row at a time,
// and calls fn with each: what it holds at once does not grow with the
// file. An error from fn stops it.
func EachLabelled(r io.Reader, fn func(Labelled) error) error {
	return eachLine(r, func(n int, line string) error {
		label, text, err := labelAndText(line)
		if err != nil {
			return &ParseError{n, err}
		}
		return fn(Labelled{n, label, text})
	})
}

// ReadHeldOut reads a held-out file of commitments labelled by statement:
// statement<TAB>label<TAB>text a line, as classify/testdata/
// heldout_domains.tsv holds them, with the encodings, comments and checks
// of ReadLabelled. The statement names where a commitment comes from; the
// rows returned keep only its label and text.
func ReadHeldOut(data []byte) ([]Labelled, error) {
	var out []Labelled
	err := eachLine(bytes.NewReader(data), func(n int, line string) error {
		_, rest, ok := strings.Cut(line, "\t")
		if !ok {
			return &ParseError{n, ErrNoTab}
		}
		label, text, err := labelAndText(rest)
		if err != nil {
			return &ParseError{n, err}
		}
		out = append(out, Labelled{n, label, text})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// labelAndText splits a row into its label and its text, trimmed.
func labelAndText(row string) (label, text string, err error) {
	label, text, ok := strings.Cut(row, "\t")
	label, text = strings.TrimSpace(label), strings.TrimSpace(text)
	switch {
	case !ok:
		return "", "", ErrNoTab
	case label == "":
		return "", "", ErrEmptyLabel
	case strings.IndexFunc(label, stdunicode.IsControl) >= 0:
		return "", "", ErrControlLabel
	case text == "":
		return "", "", ErrEmptyText
	}
	return label, text, nil
}

// eachLine reads a file of rows in UTF-8 (with or without a byte-order
// mark), UTF-16 with a byte-order mark or GB18030, and calls fn with the
// number and text of each line that is neither blank nor a # comment,
// without its line end. An error from fn stops it.
func eachLine(r io.Reader, fn func(n int, line string) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(1 << 16)
	var in io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		in = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case !validPrefix(head):
		in = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	}
	lines := bufio.NewReaderSize(in, 1<<16)
	for n := 1; ; n++ {
		line, err := readLine(lines)
		if err == io.EOF && line == "" {
			return nil
		}
		if errors.Is(err, errLongLine) {
			return &ParseError{n, err}
		}
		if err != nil && err != io.EOF {
			return err
		}
		if !utf8.ValidString(line) || strings.ContainsRune(line, utf8.RuneError) {
			return &ParseError{n, ErrEncoding}
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			if err := fn(n, line); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

var errLongLine = fmt.Errorf("a line longer than %d MB", maxLine>>20)

// readLine reads a line without its \n, refusing one longer than maxLine.
func readLine(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		part, err := r.ReadSlice('\n')
		b = append(b, part...)
		if len(b) > maxLine {
			return "", errLongLine
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return strings.TrimSuffix(string(b), "\n"), err
	}
}

// validPrefix reports whether b is UTF-8, but for a character its end may
// cut.
func validPrefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// Examples tokenizes labelled rows for training or evaluation.
func Examples(rows []Labelled, tok *Tokenizer) []Example {
	out := make([]Example, len(rows))
	for i, r := range rows {
		out[i] = Example{r.Label, tok.Tokens(r.Text)}
	}
	return out
}
