package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"pledge/track"
)

// Record is one exported commitment as JSON writes it: a field for each
// of Columns, in order, and after them any that a caller adds (pledge
// serve's API adds the statement's id and the similarity). It encodes as
// one JSON object with the fields' names as its keys, in order.
type Record []Field

// Field is one named value of a Record.
type Field struct {
	Name  string
	Value any
}

// RecordOf is the record of c.
func RecordOf(c track.Commitment) Record { return recordOf(Columns(), c) }

// recordOf is the record of c in the columns cols.
func recordOf(cols []Column, c track.Commitment) Record {
	r := make(Record, len(cols))
	for i, col := range cols {
		r[i] = Field{col.Name, col.Value(c)}
	}
	return r
}

// MarshalJSON writes r as a JSON object, its keys in order. It escapes no
// HTML: the encoder it is written by escapes it when it is told to.
func (r Record) MarshalJSON() ([]byte, error) {
	b := bytes.NewBuffer(make([]byte, 0, 512))
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	// encode writes v as JSON, without the line break Encode ends with.
	encode := func(v any) error {
		if err := enc.Encode(v); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1)
		return nil
	}
	b.WriteByte('{')
	for i, f := range r {
		if i > 0 {
			b.WriteByte(',')
		}
		// Names, numbers and strings that need no escaping are written
		// here, the same bytes as the encoder's a good deal quicker: most
		// of a record is these.
		if plain(f.Name) {
			quote(b, f.Name)
		} else if err := encode(f.Name); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		var err error
		switch v := f.Value.(type) {
		case string:
			if plain(v) {
				quote(b, v)
			} else {
				err = encode(v)
			}
		case int64:
			b.Write(strconv.AppendInt(b.AvailableBuffer(), v, 10))
		case *int64:
			if v == nil {
				b.WriteString("null")
			} else {
				b.Write(strconv.AppendInt(b.AvailableBuffer(), *v, 10))
			}
		default:
			err = encode(v)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// quote writes s in quotes.
func quote(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

// plain reports whether encoding/json, told not to escape HTML, writes s
// as it is, in quotes: when it is valid UTF-8 without control characters,
// quotes, backslashes, or the line and paragraph separators U+2028 and
// U+2029, which it escapes for JavaScript.
func plain(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
