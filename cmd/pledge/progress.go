package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress draws a bar on a terminal for a long run over many items, with
// counts and the time left. Off a terminal (a pipe, a file, a test), or
// for a single item, it draws nothing: logs stay clean.
type progress struct {
	w       io.Writer
	label   string
	total   int
	start   time.Time
	drawn   time.Time
	visible bool
}

// newProgress returns a progress bar for total items on w, or one that
// draws nothing when w is not a terminal.
func newProgress(w io.Writer, label string, total int) *progress {
	p := &progress{label: label, total: total, start: time.Now()}
	if f, ok := w.(*os.File); ok && total > 1 && isTerminal(f) {
		p.w = w
	}
	return p
}

// isTerminal reports whether f is a terminal (a character device that is
// not /dev/null).
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb" && f.Name() != os.DevNull
}

// set shows that done items of the total are done; it redraws at most ten
// times a second.
func (p *progress) set(done int) {
	if p.w == nil || time.Since(p.drawn) < 100*time.Millisecond && done < p.total {
		return
	}
	p.drawn = time.Now()
	const width = 30
	filled := width * done / max(p.total, 1)
	left := ""
	if done > 0 && done < p.total {
		rest := time.Duration(float64(time.Since(p.start)) / float64(done) * float64(p.total-done))
		left = fmt.Sprintf("  %s left", rest.Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r%s %d/%d [%s%s] %d%%%s\x1b[K", p.label, done, p.total,
		strings.Repeat("█", filled), strings.Repeat("·", width-filled), 100*done/max(p.total, 1), left)
	p.visible = true
}

// clear erases the bar, before other lines are printed or at the end.
func (p *progress) clear() {
	if p.w != nil && p.visible {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.visible = false
		p.drawn = time.Time{}
	}
}
