package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// pageMarker matches a newspaper's page-continuation note and a web editor's
// page break. Both interrupt a sentence and belong to no document.
var pageMarker = regexp.MustCompile(`[（(]\s*(?:下转|上接|转|接)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版\s*[）)]|_ueditor_page_break_tag_`)

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
// whether it was hard-wrapped. Page markers are dropped; in hard-wrapped text
// (PDF and newspaper pages, a line break every few characters) the lines of a
// paragraph are joined back together; a title printed over two or three
// lines becomes one paragraph.
func paragraphs(doc string) (paras []text, wrapped bool) {
	doc = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\v", "\n", "\u2028", "\n", "\u2029", "\n").Replace(doc)
	doc = pageMarker.ReplaceAllString(doc, "")
	var lines []line
	no := 0
	for raw := range strings.SplitSeq(doc, "\n") {
		no++
		indented := strings.HasPrefix(raw, "  ") || strings.HasPrefix(raw, "\u3000") || strings.HasPrefix(raw, "\t")
		for k, seg := range webIndent.Split(raw, -1) {
			if t := Normalize(seg); t != "" {
				for j, part := range runTogether(newText(listMarkerForm(t), no)) {
					lines = append(lines, line{text: part, indent: indented || k > 0 || j > 0})
				}
			}
		}
	}
	if !hardWrapped(lines) {
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
		return joinTitleLines(paras), false
	}
	// A heading is a line well short of the column width; in a narrow
	// column the first line of a paragraph is short too.
	headingMax := min(12, medianLength(lines)*6/10)
	var cur []text // the lines of the paragraph being read
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, joinLines(cur))
		}
		cur = cur[:0]
	}
	for i, l := range lines {
		if len(cur) > 0 && breaksBefore(lines[i-1].s, l, cur, headingMax) {
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
	return joinTitleLines(paras), true
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

// hardWrapped reports whether most lines stop in mid-sentence, which is how
// PDF and newspaper text arrives. Text with a paragraph per line (web pages,
// feeds) ends nearly every line at a full stop.
func hardWrapped(lines []line) bool {
	long, open := 0, 0
	for _, l := range lines {
		if utf8.RuneCountInString(l.s) < 8 {
			continue
		}
		long++
		if !endsSentence(l.s) {
			open++
		}
	}
	return long >= 3 && open*2 > long
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

// medianLength is the median length of the lines, in characters.
func medianLength(lines []line) int {
	if len(lines) == 0 {
		return 0
	}
	ns := make([]int, len(lines))
	for i, l := range lines {
		ns[i] = utf8.RuneCountInString(l.s)
	}
	slices.Sort(ns)
	return ns[len(ns)/2]
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
// title, a date line or a dateline. These carry no full stop, so nothing
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
	return isTitle(s) || isDateLine(s) || isDateline(s)
}

// startsBlock reports whether a line can only be the start of a paragraph.
func startsBlock(s string) bool {
	if m, _ := listMarker(s); m != "" {
		return true
	}
	return isSectionNumeral(s) || isDateLine(s) ||
		strings.HasPrefix(s, "（新华社") || strings.HasPrefix(s, "（据新华社")
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
	s = strings.TrimRight(s, "”’」』）")
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

var sectionNumeral = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}$`)

// isSectionNumeral reports whether s is a bare section numeral (一, 十二).
func isSectionNumeral(s string) bool { return sectionNumeral.MatchString(s) }

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
