package report

import (
	"bufio"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"pledge/figures"
)

//go:embed report.html
var files embed.FS

var page = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"num":    func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) },
	"add":    func(a, b float64) float64 { return a + b },
	"center": func(b Bar) float64 { return b.X + b.Width/2 },
	"yearLabel": func(y int) string {
		if y == 0 {
			return "no date"
		}
		return strconv.Itoa(y)
	},
	"percent": func(a, b int) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
	},
	"threadWidth": func(n int) int { return 100 / n },
	"short":       ShortTitle,
	"join":        strings.Join,
	"tallyTotal": func(t *figures.Tally) struct{ Commitments, Statements int } {
		c, s := t.Total()
		return struct{ Commitments, Statements int }{c.Total(), s}
	},
}).ParseFS(files, "report.html"))

// Write renders the report as HTML. Every value from the database passes
// through html/template, which escapes it for where it stands.
func Write(w io.Writer, d *Data) error {
	// The template writes a piece at a time: to a file, that is a system
	// call each, unless buffered.
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := page.Execute(bw, d); err != nil {
		return err
	}
	return bw.Flush()
}
