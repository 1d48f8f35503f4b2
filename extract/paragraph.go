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
	text   string
	indent bool
}

// paragraphs splits document text into normalised paragraphs and reports
// whether it was hard-wrapped. Page markers are dropped; in hard-wrapped text
// (PDF and newspaper pages, a line break every few characters) the lines of a
// paragraph are joined back together.
func paragraphs(text string) (paras []string, wrapped bool) {
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\v", "\n").Replace(text)
	text = pageMarker.ReplaceAllString(text, "")
	var lines []line
	for _, raw := range strings.Split(text, "\n") {
		indented := strings.HasPrefix(raw, "  ") || strings.HasPrefix(raw, "\u3000") || strings.HasPrefix(raw, "\t")
		for k, seg := range webIndent.Split(raw, -1) {
			if t := Normalize(seg); t != "" {
				lines = append(lines, line{text: t, indent: indented || k > 0})
			}
		}
	}
	if !hardWrapped(lines) {
		for _, l := range lines {
			paras = append(paras, listMarkerForm(l.text))
		}
		return paras, false
	}
	// A heading is a line well short of the column width; in a narrow
	// column the first line of a paragraph is short too.
	headingMax := min(12, medianLength(lines)*6/10)
	var cur string
	nlines := 0 // lines in cur
	flush := func() {
		if cur != "" {
			paras = append(paras, listMarkerForm(cur))
		}
		cur, nlines = "", 0
	}
	for i, l := range lines {
		if cur != "" && breaksBefore(lines[i-1].text, l, cur, nlines, headingMax) {
			flush()
		}
		cur = joinLines(cur, l.text)
		nlines++
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1].text
		}
		if standsAlone(cur, next) {
			flush()
		}
	}
	flush()
	return paras, true
}

// hardWrapped reports whether most lines stop in mid-sentence, which is how
// PDF and newspaper text arrives. Text with a paragraph per line (web pages,
// feeds) ends nearly every line at a full stop.
func hardWrapped(lines []line) bool {
	long, open := 0, 0
	for _, l := range lines {
		if utf8.RuneCountInString(l.text) < 8 {
			continue
		}
		long++
		if !endsSentence(l.text) {
			open++
		}
	}
	return long >= 3 && open*2 > long
}

// medianLength is the median length of the lines, in characters.
func medianLength(lines []line) int {
	if len(lines) == 0 {
		return 0
	}
	ns := make([]int, len(lines))
	for i, l := range lines {
		ns[i] = utf8.RuneCountInString(l.text)
	}
	slices.Sort(ns)
	return ns[len(ns)/2]
}

// breaksBefore decides whether line l starts a new paragraph rather than
// continuing cur, the paragraph so far, whose last line is prev. A first
// line of at most headingMax characters is a heading.
func breaksBefore(prev string, l line, cur string, nlines, headingMax int) bool {
	switch {
	case l.indent, endsSentence(prev), startsBlock(l.text):
		return true
	case nlines == 1 && isHeading(cur) && utf8.RuneCountInString(cur) <= headingMax:
		// A short line without punctuation that began a paragraph is a
		// heading: a section numeral, 政治合作, a signature.
		return true
	}
	return false
}

// standsAlone reports whether cur is complete on its own line: a title, a
// date line or a dateline. These carry no full stop, so nothing else would
// end them; next is the following line, which must not continue a sentence.
func standsAlone(cur, next string) bool {
	if next != "" && strings.ContainsRune("，。、；：）》”", firstRune(next)) {
		return false
	}
	return isTitle(cur) || isDateLine(cur) || isDateline(cur)
}

// startsBlock reports whether a line can only be the start of a paragraph.
func startsBlock(s string) bool {
	return listMarker(s) != "" || isSectionNumeral(s) || isDateLine(s) ||
		strings.HasPrefix(s, "（新华社") || strings.HasPrefix(s, "（据新华社")
}

func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	// Latin words broken across lines need their space back.
	if isLatin(lastRune(a)) && isLatin(firstRune(b)) {
		return a + " " + b
	}
	return a + b
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

var numberedItem = regexp.MustCompile(`^（[一二三四五六七八九十]{1,3}）`)

// listMarker returns the marker that opens a list item (——, （三）), or "".
func listMarker(s string) string {
	if strings.HasPrefix(s, "——") {
		return "——"
	}
	return numberedItem.FindString(s)
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
