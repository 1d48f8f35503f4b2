package export

import (
	"bufio"
	"io"
	"strings"
)

// csvWriter writes CSV as every CSV of pledge is written: RFC 4180, fields
// separated by commas and records ended by CRLF, which Excel and every CSV
// reader take; a field with a comma, a quote, a line break or a leading
// space in quotes, its quotes doubled. A line break inside a field is
// written as it is, as Python's csv module writes it: encoding/csv's
// CRLF mode would turn a text's \n into \r\n, and the text would not read
// back as it was stored. The file starts with a UTF-8 byte-order mark
// unless it is left out: without one, Excel reads UTF-8 in the system's
// code page, and Chinese comes out garbled.
type csvWriter struct {
	w   *bufio.Writer
	err error
}

func newCSV(w io.Writer, noBOM bool) *csvWriter {
	cw := &csvWriter{w: bufio.NewWriter(w)}
	if !noBOM {
		cw.w.WriteString("\ufeff")
	}
	return cw
}

// write writes one record; an error is kept for flush.
func (c *csvWriter) write(fields []string) {
	for i, f := range fields {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if f == "" || !strings.ContainsAny(f, ",\"\r\n") && f[0] != ' ' && f[0] != '\t' {
			c.w.WriteString(f)
			continue
		}
		c.w.WriteByte('"')
		c.w.WriteString(strings.ReplaceAll(f, `"`, `""`))
		c.w.WriteByte('"')
	}
	if _, err := c.w.WriteString("\r\n"); err != nil && c.err == nil {
		c.err = err
	}
}

// flush writes what is buffered and returns the first error.
func (c *csvWriter) flush() error {
	if err := c.w.Flush(); c.err == nil {
		c.err = err
	}
	return c.err
}
