package extract

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// pageMarker matches a newspaper's page-continuation note and a web editor's
// page break. Both interrupt a sentence and belong to no document.
var pageMarker = regexp.MustCompile(`[（(]\s*(?:下转|上接|转|接)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[）)]|_ueditor_page_break_tag_`)

// lineBreaks makes every line break a \n.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\v", "\n", "\u2028", "\n", "\u2029", "\n")

// webIndent separates paragraphs in text copied from a web page, which comes
// as one long line with two ideographic spaces before each paragraph.
var webIndent = regexp.MustCompile(`[\x{3000}]{2,}`)

// line is one normalised line of the source, and whether it was indented,
// which in typeset text marks the first line of a paragraph.
type line struct {
	text
	indent bool
}

// paragraphs splits document text into normalised paragraphs and reports
// for each whether it was hard-wrapped. Page markers are dropped; in
// hard-wrapped text (PDF and newspaper pages, a line break every few
// characters) the lines of a paragraph are joined back together; a title
// printed over two or three lines becomes one paragraph. Whether text is
// hard-wrapped is told stretch by stretch, so that a file that joins a
// newspaper page and a web page reads each as it is.
func paragraphs(doc string) (paras []text, wrapped []bool) {
	doc = lineBreaks.Replace(doc)
	// Every page marker holds 版 or the editor's tag: most documents hold
	// neither, and are not searched.
	if strings.Contains(doc, "版") || strings.Contains(doc, "_ueditor_page_break_tag_") {
		doc = pageMarker.ReplaceAllString(doc, "")
	}
	var lines []line
	no := 0
	for raw := range strings.SplitSeq(doc, "\n") {
		no++
		indented := strings.HasPrefix(raw, "  ") || strings.HasPrefix(raw, "\u3000") || strings.HasPrefix(raw, "\t")
		segs := []string{raw}
		if strings.Contains(raw, "\u3000\u3000") { // what webIndent needs
			segs = webIndent.Split(raw, -1)
		}
		for k, seg := range segs {
			if t := Normalize(seg); t != "" {
				for j, part := range runTogether(newText(listMarkerForm(t), no)) {
					lines = append(lines, line{text: part, indent: indented || k > 0 || j > 0})
				}
			}
		}
	}
	for _, run := range wrapRuns(lines) {
		ps := joinRun(lines[run.from:run.to], run.wrapped)
		paras = append(paras, ps...)
		for range ps {
			wrapped = append(wrapped, run.wrapped)
		}
	}
	return joinTitleLines(paras, wrapped)
}

// wrapRun is a stretch of lines [from, to) that is hard-wrapped or not.
type wrapRun struct {
	from, to int
	wrapped  bool
}

// wrapRuns cuts the lines into stretches that are hard-wrapped or not. A
// stretch is hard-wrapped when most of its lines of eight characters or
// more stop in mid-sentence, as PDF and newspaper text does; text with a
// paragraph per line (web pages, feeds) ends nearly every line at a full
// stop. A file that joins two kinds (a newspaper page, then a web page) is
// cut where the kind changes: at the line that best parts a stretch where
// most lines stop in mid-sentence from one where half or fewer do, each of
// at least minWrapRun long lines, and so on within each part.
func wrapRuns(lines []line) []wrapRun {
	// open[k]: of the first k long lines, how many stop in mid-sentence;
	// at[k]: the index of the k-th long line.
	open, at := []int{0}, []int{}
	for i, l := range lines {
		if utf8.RuneCountInString(l.s) < 8 {
			continue
		}
		o := open[len(open)-1]
		if !endsSentence(l.s) {
			o++
		}
		open, at = append(open, o), append(at, i)
	}
	share := func(a, b int) float64 { return float64(open[b]-open[a]) / float64(b-a) }
	// mixed is how mixed long lines [a, b) are: their number times the
	// entropy of the share that stops in mid-sentence. The cut that leaves
	// the two parts least mixed is where the kind of text changes.
	mixed := func(a, b int) float64 {
		p := share(a, b)
		if p == 0 || p == 1 {
			return 0
		}
		return -float64(b-a) * (p*math.Log(p) + (1-p)*math.Log(1-p))
	}
	var runs []wrapRun
	// split appends the runs of the long lines [a, b), which start at line
	// from and end before line to.
	var split func(a, b, from, to int)
	split = func(a, b, from, to int) {
		type cut struct {
			k         int
			m         float64
			leftWraps bool
		}
		var cuts []cut
		least := math.Inf(1)
		for k := a + minWrapRun; k <= b-minWrapRun; k++ {
			if prev := lines[at[k]-1].s; !endsSentence(prev) && !standsAlone([]text{lines[at[k]-1].text}, "") {
				continue // a cut where a paragraph may go on is none
			}
			l, r := share(a, k), share(k, b)
			if !(l >= wrappedShare && r <= 0.5 || r >= wrappedShare && l <= 0.5) {
				continue
			}
			m := mixed(a, k) + mixed(k, b)
			cuts = append(cuts, cut{k, m, l > r})
			least = min(least, m)
		}
		// The least mixed cut; but where a page with a paragraph a line
		// follows a hard-wrapped one, the earliest cut nearly as good: the
		// page's head (a title over several lines, a site's headline)
		// stops in mid-sentence as wrapped lines do, and read as wrapped
		// its lines would be joined.
		best := -1
		for _, c := range cuts {
			if c.m == least {
				best = c.k
				if c.leftWraps {
					for _, e := range cuts {
						if e.leftWraps && e.m <= least+cutMargin {
							best = min(best, e.k)
						}
					}
				}
				break
			}
		}
		if best < 0 {
			n := b - a
			runs = append(runs, wrapRun{from, to, n >= 3 && (open[b]-open[a])*2 > n})
			return
		}
		split(a, best, from, at[best])
		split(best, b, at[best], to)
	}
	split(0, len(at), 0, len(lines))
	return runs
}

// minWrapRun is the fewest lines of eight characters or more a stretch of
// one kind of wrapping has; wrappedShare is the share of them that stop in
// mid-sentence in a hard-wrapped stretch that is cut from another (PDF and
// newspaper pages: 0.8 to 0.9; pages with a paragraph a line, their
// headlines and timestamps included: 0.5 at most).
const (
	minWrapRun   = 8
	wrappedShare = 0.65
	// cutMargin is how much more mixed (in nats) a cut may leave the two
	// parts than the least mixed one and still be taken.
	cutMargin = 3.0
)

// joinRun joins a stretch of lines into paragraphs, as hard-wrapped text
// or as text with a paragraph per line.
func joinRun(lines []line, wrapped bool) (paras []text) {
	if !wrapped {
		// A paragraph per line, but for the lines a PDF's layout broke at
		// the width of the page.
		wide := fullWidth(lines)
		var cur []text
		for i, l := range lines {
			cur = append(cur, l.text)
			if i+1 < len(lines) && runsOn(l, lines[i+1], wide) {
				continue
			}
			paras = append(paras, joinLines(cur))
			cur = cur[:0]
		}
		return paras
	}
	// A heading is a line well short of the column width; in a narrow
	// column the first line of a paragraph is short too. The width is
	// that of the lines around, since one file may join pages of several.
	width := localMedians(lines, columnWindow)
	var cur []text // the lines of the paragraph being read
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, joinLines(cur))
		}
		cur = cur[:0]
	}
	for i, l := range lines {
		if len(cur) > 0 && breaksBefore(lines[i-1].s, l, cur, min(12, width[i]*6/10)) {
			flush()
		}
		cur = append(cur, l.text)
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1].s
		}
		if standsAlone(cur, next) {
			flush()
		}
	}
	flush()
	return paras
}

// runTogether splits a line at the paragraph starts runTogetherRe finds.
func runTogether(t text) []text {
	locs := runTogetherRe.FindAllStringIndex(t.s, -1)
	if locs == nil {
		return []text{t}
	}
	var out []text
	start := 0
	for _, loc := range locs {
		end := loc[0] + len("。")
		out = append(out, t.slice(start, end))
		start = end
	}
	return append(out, t.from(start))
}

// fullWidth is the length of a full line of a page, in characters: the
// 90th percentile of the lines' lengths, or 0 for text too short to tell.
func fullWidth(lines []line) int {
	var ns []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(l.s); n >= 8 {
			ns = append(ns, n)
		}
	}
	if len(ns) < 5 {
		return 0
	}
	slices.Sort(ns)
	return ns[len(ns)*9/10]
}

// runsOn reports whether line l, in text with a paragraph per line, was
// broken at the width of the page (pdftotext -layout breaks lines so): it
// is full, stops in mid-sentence, and the next line does not start a
// paragraph of its own.
func runsOn(l, next line, wide int) bool {
	return wide > 0 && utf8.RuneCountInString(l.s)*100 >= wide*85 && !endsSentence(l.s) &&
		!next.indent && !startsBlock(next.s) && !isFeedStamp(next.s) &&
		!isTitle(l.s) && !isDateLine(l.s) && !isDateline(l.s) && !isFeedStamp(l.s) && !isHeading(l.s)
}

// columnWindow is how many lines on each side of a line tell the width of
// its column.
const columnWindow = 20

// localMedians returns, for each line, the median length in characters of
// the lines within window lines of it.
func localMedians(lines []line, window int) []int {
	ns := make([]int, len(lines))
	for i, l := range lines {
		ns[i] = utf8.RuneCountInString(l.s)
	}
	out := make([]int, len(lines))
	buf := make([]int, 0, 2*window+1)
	for i := range lines {
		buf = append(buf[:0], ns[max(0, i-window):min(len(ns), i+window+1)]...)
		slices.Sort(buf)
		out[i] = buf[len(buf)/2]
	}
	return out
}

// breaksBefore decides whether line l starts a new paragraph rather than
// continuing cur, the lines of the paragraph so far, the last of which is
// prev. A first line of at most headingMax characters is a heading.
func breaksBefore(prev string, l line, cur []text, headingMax int) bool {
	switch {
	case l.indent, endsSentence(prev), startsBlock(l.s):
		return true
	case len(cur) == 1 && isHeading(cur[0].s) && utf8.RuneCountInString(cur[0].s) <= headingMax:
		// A short line without punctuation that began a paragraph is a
		// heading: a section numeral, 政治合作, a signature.
		return true
	}
	return false
}

// standsAlone reports whether the lines cur are complete on their own: a
// title, a date line, a dateline or a feed's timestamp. These carry no full stop, so nothing
// else would end them; next is the following line, which must not
// continue a sentence.
func standsAlone(cur []text, next string) bool {
	if next != "" && strings.ContainsRune("，。、；：）》”", firstRune(next)) {
		return false
	}
	if len(cur) > 10 {
		return false // longer than any title, in a column of any width
	}
	s := joinLines(cur).s
	return isTitle(s) || isDateLine(s) || isDateline(s) || isFeedStamp(s) || isBreadcrumb(s) || pageFurniture(s)
}

// startsBlock reports whether a line can only be the start of a paragraph.
func startsBlock(s string) bool {
	if m, _ := listMarker(s); m != "" {
		return true
	}
	return isSectionNumeral(s) || isDateLine(s) ||
		strings.HasPrefix(s, "（新华社") || strings.HasPrefix(s, "（据新华社") ||
		isHeading(s) && words().newsSet.count(s) > 0 // a byline: 本报评论员
}

// joinLines joins the lines of a paragraph. Latin words broken across lines
// get their space back.
func joinLines(ls []text) text {
	var s, o strings.Builder
	for i, l := range ls {
		if i > 0 && isLatin(lastRune(ls[i-1].s)) && isLatin(firstRune(l.s)) {
			s.WriteByte(' ')
			o.WriteByte(' ')
		}
		s.WriteString(l.s)
		o.WriteString(l.o)
	}
	line := 0
	if len(ls) > 0 {
		line = ls[0].line
	}
	return text{s.String(), o.String(), line}
}

// endsSentence reports whether s ends at sentence punctuation, looking past
// closing quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’」』）\"')")
	return s != "" && strings.ContainsRune("。！？；：", lastRune(s))
}

// isHeading reports whether s is short and has no punctuation, as section
// numerals, headings and signatures are.
func isHeading(s string) bool {
	if utf8.RuneCountInString(s) > 12 {
		return false
	}
	for _, r := range s {
		if !isHan(r) && !isLatin(r) && !isDigit(r) && r != '·' {
			return false
		}
	}
	return true
}

// isSectionNumeral reports whether s is a bare section numeral (一, 十二):
// ^[一二三四五六七八九十]{1,3}$, without a pattern, which costs more.
func isSectionNumeral(s string) bool {
	n := 0
	for _, r := range s {
		if n++; n > 3 || !strings.ContainsRune("一二三四五六七八九十", r) {
			return false
		}
	}
	return n > 0
}

// listMarkerForm rewrites the ASCII forms of the dash list marker.
func listMarkerForm(s string) string {
	if strings.HasPrefix(s, "--") {
		return "——" + strings.TrimLeft(s, "-")
	}
	return s
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
