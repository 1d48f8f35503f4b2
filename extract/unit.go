package extract

import (
	"strings"
	"unicode"
)

// unit is a candidate commitment: a list item or a running-text sentence,
// with the section it sits under (as the file wrote it).
type unit struct {
	section string
	t       text
	item    bool
	mode    itemMode // for an item: what its list is a list of
}

// itemMode says how a list item is judged, by what its list holds.
type itemMode int

const (
	// ownWords: an item with no header in force, judged by its own words
	// (——双方愿……, ——将……).
	ownWords itemMode = iota
	// undertakings: an item under a commitment header (双方商定：) or an
	// article of a plan; the parties are its subject unless it names
	// another.
	undertakings
	// principles: an item under a header of assessments or principles
	// (双方认为，……主要特征是：), which commits only in so many words.
	principles
)

// reader reads the body of one statement.
type reader struct {
	subj subjects
	// wrapped says the text was hard-wrapped, where a paragraph break inside
	// a list item cannot be told from a real one.
	wrapped bool
	// plan says the statement is an action plan or programme, whose
	// articles are all undertakings.
	plan bool
	// lead is the header in force at the start of the body: an opening that
	// ends in ： directly above its list (……宣布如下：1.……), or nil.
	lead *header
}

// header is a list header in force: whether it introduces undertakings, and
// whether it reaches over the section headings that follow it (……重点关注
// 以下领域：一、政治领域 ……二、经贸领域 ……).
type header struct {
	commits, overHeadings bool
}

// commits reports whether the unit is a commitment.
func (r reader) commits(u unit) bool {
	if !u.item {
		return r.subj.sentenceCommits(u.t.s, false)
	}
	switch u.mode {
	case undertakings:
		return r.subj.itemCommits(u.t.s)
	case principles:
		return r.subj.namedCommits(u.t.s)
	}
	return r.subj.ownCommits(u.t.s)
}

// commitments returns the commitments of a statement body, in order.
func (r reader) commitments(body []text) []Commitment {
	var out []Commitment
	for _, u := range r.units(body) {
		// A list marker with only punctuation after it (一是；) holds nothing
		// to do.
		if strings.IndexFunc(u.t.s, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsNumber(c) }) < 0 {
			continue
		}
		if r.commits(u) {
			out = append(out, Commitment{Ordinal: len(out) + 1, Section: u.section, Text: u.t.o})
		}
	}
	return out
}

// units reads the paragraphs of a statement body into list items and
// sentences, each with the section it sits under. A list runs on across
// paragraphs without a marker between its items (GUIDE §2): they are read
// as running text, and the next item still belongs to the list.
func (r reader) units(body []text) []unit {
	var units []unit
	section := ""
	hdr := r.lead
	list := noMarker     // the family of the list being read
	afterHeader := false // the paragraph before ended in a list header
	mode := func() itemMode {
		switch {
		case hdr != nil && hdr.commits:
			return undertakings
		case hdr != nil:
			return principles
		case r.plan:
			return undertakings
		}
		return ownWords
	}
	for i, p := range body {
		wasAfterHeader := afterHeader
		afterHeader = false
		if headingText(p.s) {
			section, list = p.o, noMarker
			if hdr != nil && !hdr.overHeadings {
				hdr = nil
			}
			continue
		}
		m, f := listMarker(p.s)
		if r.section(f, wasAfterHeader, list) {
			// A numbered paragraph that is no item of a list of things to
			// do is a section (GUIDE §2): its number is the section, and
			// its text is running text, a unit a sentence.
			section, list = strings.Trim(p.o[:len(m)], "（）、."), noMarker
			if hdr != nil && !hdr.overHeadings {
				hdr = nil
			}
			p, f = p.from(len(m)), noMarker
		}
		if f != noMarker {
			if len(p.s) > len(m) { // a marker with nothing after it is skipped
				units = append(units, unit{section: section, t: p.from(len(m)), item: true, mode: mode()})
			}
			list = f
			continue
		}
		if list != noMarker && len(units) > 0 && units[len(units)-1].item && r.continuesItem(body, i, list) {
			last := &units[len(units)-1]
			last.t = join(last.t, p)
			continue
		}
		lead, items, inline := inlineList(p)
		for _, s := range sentences(lead) {
			if strings.HasSuffix(s.s, "：") {
				next := i+1 < len(body) && headingText(body[i+1].s)
				hdr = &header{commits: isCommitmentHeader(s.s), overHeadings: next}
				list, afterHeader = noMarker, !inline
				continue
			}
			units = append(units, unit{section: section, t: s})
		}
		for _, it := range items {
			units = append(units, unit{section: section, t: it, item: true, mode: mode()})
		}
	}
	return units
}

// section reports whether a paragraph numbered with a marker of family f
// is a section rather than an item of a list: a 一、 paragraph unless it
// is an item of a list of them after a header; any other numbered one
// (（三）, 5.) unless a list header stands right above it or it goes on a
// list of its family, or the statement is an action plan, whose articles
// are its undertakings. An opening's 声明如下： is no list header.
func (r reader) section(f family, afterHeader bool, list family) bool {
	switch {
	case f == cnComma:
		return !afterHeader && list != cnComma
	case !f.numbered() || r.plan:
		return false
	}
	return !afterHeader && list != f
}

// continuesItem reports whether paragraph body[i], which has no list
// marker, continues the last item of a list rather than standing between
// its items. An item numbered （十六） or 第五条 may run over several
// paragraphs until the next number, so a paragraph followed by another
// item of the list continues the one before it. A dash item is one
// paragraph, but in hard-wrapped text a line that happens to end at a full
// stop looks like a paragraph break. In both cases, after the last item, a
// paragraph continues the item unless it opens as running text does: with
// the parties, the document itself (本行动计划……) or a connective.
func (r reader) continuesItem(body []text, i int, list family) bool {
	p := body[i].s
	if strings.HasSuffix(p, "：") || !list.numbered() && !r.wrapped {
		return false
	}
	if moreItems(body[i+1:], list) {
		return true
	}
	if _, ok := r.subj.strip(stripConnective(p)); ok {
		return false
	}
	if _, ok := words().first.documentSubjects.of(p); ok {
		return false // 本行动计划自签署之日起生效: the document's final clause
	}
	_, ok := words().first.connectives.of(p)
	return !ok
}

// moreItems reports whether another item of a list of this family comes
// before the list's block ends at a heading or a new list header.
func moreItems(rest []text, list family) bool {
	for _, p := range rest {
		if _, f := listMarker(p.s); f != noMarker {
			return f == list
		}
		if headingText(p.s) || strings.HasSuffix(p.s, "：") {
			return false
		}
	}
	return false
}

// isCommitmentHeader reports whether a header that introduces a list
// announces things the parties will do (双方商定：, 双方将采取以下措施：)
// rather than an assessment or principles (双方认为，……主要特征是：).
func isCommitmentHeader(h string) bool {
	w := words()
	if containsAny(h, w.otherHeaders) {
		return false
	}
	return containsAny(h, w.markers) || containsAny(h, w.commitHeaders)
}

// sentences splits a paragraph into its sentences; see sentenceEnds.
func sentences(p text) []text {
	var out []text
	start := 0
	for _, end := range sentenceEnds(p.s) {
		out = append(out, p.slice(start, end))
		start = end
	}
	return out
}

// inlineList finds a list written inside one paragraph after its header
// (双方同意在以下方面加强合作：一是……；二是……。 or ……：（一）……；（二）……)
// and returns what comes before the first item, the header ending in ：
// or ，, and the items without their markers. A paragraph without such a
// list comes back whole as lead.
func inlineList(p text) (lead text, items []text, ok bool) {
	// Of the families written inline, the one whose list starts first.
	var at []int // where each marker starts
	var ms []string
	for _, fam := range markerFamilies {
		if fam.inline == nil {
			continue
		}
		if a, m := inlineMarkers(p.s, fam.inline); len(a) >= 2 && (at == nil || a[0] < at[0]) {
			at, ms = a, m
		}
	}
	if at == nil {
		return p, nil, false
	}
	for k, i := range at {
		end := len(p.s)
		if k+1 < len(at) {
			end = at[k+1]
		}
		items = append(items, p.slice(i+len(ms[k]), end))
	}
	lead = p.slice(0, at[0])
	if strings.HasSuffix(lead.s, "，") {
		lead = join(lead.slice(0, len(lead.s)-len("，")), text{"：", "：", lead.line})
	}
	return lead, items, true
}

// inlineMarkers finds the markers form(1), form(2), … of a list written
// inside s, each after a clause's end (the first after the header's ： or
// ，), and returns where each starts and the markers.
func inlineMarkers(s string, form func(k int) string) (at []int, ms []string) {
	from := 0
	for k := 1; k <= 30; k++ {
		m := form(k)
		i := strings.Index(s[from:], m)
		if i < 0 {
			break
		}
		i += from
		if i == 0 || !strings.ContainsRune("：；。，", lastRune(s[:i])) || k == 1 && !strings.ContainsRune("：，", lastRune(s[:i])) {
			break
		}
		at, ms = append(at, i), append(ms, m)
		from = i + len(m)
	}
	return at, ms
}

// cnNumeral writes 1 to 99 in Chinese numerals (一, 十, 十二, 二十一).
func cnNumeral(n int) string {
	const digits = "〇一二三四五六七八九"
	d := func(k int) string { return string([]rune(digits)[k]) }
	switch {
	case n < 10:
		return d(n)
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + d(n-10)
	case n%10 == 0:
		return d(n/10) + "十"
	}
	return d(n/10) + "十" + d(n%10)
}
