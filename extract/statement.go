package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"pledge/script"
)

// Statement is one joint statement found in a document.
type Statement struct {
	// Title is the statement's own title (……联合声明), wherever the page
	// printed it, or one made from the date when none was found.
	Title string
	// Untitled says the Title was made from the date.
	Untitled bool
	// Date is the signing date: from the date line, else the dateline, else
	// the visit or meeting paragraph, else the hint the caller gave. It is
	// zero when none gives one.
	Date Date
	// DateFrom says where Date came from: "the date line", "the dateline,
	// with the year from the file name", "--date", …; "" when there is no
	// date.
	DateFrom string
	// Parties are the states that made the statement, China first, then
	// in the order its title (else its opening, else its visit paragraph)
	// names them:
	// canonical names from data/states.tsv (中国, 俄罗斯), the written name
	// (in simplified characters) for a state not in the table. It is nil
	// when the text does not name two parties.
	Parties []string
	// Commitments are in the order of the body.
	Commitments []Commitment
	// Problems are what was wrong with the statement's text and is worth
	// a user's look, each a line: a date that is no date, none found, bytes
	// of the file that could not be read. They do not stop it being read.
	Problems []string
	// Fingerprint identifies the statement's text: two copies of one
	// statement, from a PDF and from a web page, in simplified or
	// traditional script, have the same fingerprint.
	Fingerprint string
}

// ErrNoStatement says a text holds no joint statement. Explain tells why.
var ErrNoStatement = errors.New("no joint statement found")

// Parse returns the statements in a document's text (as package decode
// gives it), in the order they appear, with no hint of its date.
// Nothing outside a statement's body (news around it, commentary, another
// article) yields a commitment.
func Parse(text string) []Statement { return ParseDated(text, DateHint{}) }

// ParseDated is Parse, with a date the caller knows the document by (see
// DateHint) for the statements whose text gives no year.
func ParseDated(text string, hint DateHint) []Statement {
	return parseText(text, hint).statements()
}

// document is a text as the structure reader saw it: its paragraphs with
// their roles, the spans kept as statements and every candidate span.
type document struct {
	hint       DateHint
	paras      []paragraph
	spans      []span
	candidates []SpanExplanation
}

func parseText(text string, hint DateHint) *document {
	ps, wrapped := paragraphs(text)
	paras := readRoles(ps)
	for i := range paras {
		paras[i].wrapped = wrapped[i]
	}
	spans, cands := chooseSpans(paras)
	return &document{hint, paras, spans, cands}
}

// statements reads each span kept into a Statement.
func (d *document) statements() []Statement {
	var out []Statement
	for _, r := range d.read() {
		out = append(out, r.Statement)
	}
	return out
}

// readStatement is a statement with the reader of its body and the body.
type readStatement struct {
	Statement
	r    reader
	body []text
}

// read reads each span kept.
func (d *document) read() []readStatement {
	if len(d.spans) == 0 {
		return nil
	}
	// What each span says of its parties without its title, for choosing
	// titles (one that names other parties is another statement's) and for
	// dates (another statement of the same parties may give the year).
	openings, visits := make([]string, len(d.spans)), make([]string, len(d.spans))
	keys := make([]string, len(d.spans))
	bodyEnds := make([]int, len(d.spans))
	// Agreed text a news report announces, and the report's lead that
	// names its parties (-1: none), found once a span.
	agreed, meetings := make([]bool, len(d.spans)), make([]int, len(d.spans))
	for i, sp := range d.spans {
		switch {
		case sp.opening >= 0:
			openings[i] = d.paras[sp.opening].s
		case d.paras[sp.start].partiesFirst:
			openings[i] = d.paras[sp.start].s // 中华人民共和国政府和丁国政府决定……
		case sp.body < sp.bodyEnd && d.paras[sp.body].partiesFirst:
			openings[i] = d.paras[sp.body].s
		}
		bodyEnds[i], meetings[i] = sp.bodyEnd, -1
		if agreed[i] = d.reportsAgreedText(i); agreed[i] {
			bodyEnds[i], meetings[i] = d.agreedEnd(sp), d.reportedMeeting(i)
		}
		if sp.visit >= 0 {
			visits[i] = d.paras[sp.visit].s
		} else if meetings[i] >= 0 {
			visits[i] = d.paras[meetings[i]].s
		}
		keys[i] = partyKey(names(findParties("", openings[i], visits[i])))
	}
	titles := assignTitles(d.paras, d.spans, keys)
	for i, sp := range d.spans {
		if titles[i] == "" && agreed[i] {
			titles[i] = quotedTitle(d.paras[sp.opening].o)
		}
	}
	dates := indexDates(d.paras, d.hint)
	var out []readStatement
	for i, sp := range d.spans {
		title := script.Simplify(titles[i])
		parties := findParties(title, openings[i], visits[i])
		keys[i] = partyKey(names(parties))
		sp.bodyEnd = bodyEnds[i]
		r := reader{subj: subjectWords(parties), wrapped: sp.body < sp.bodyEnd && d.paras[sp.body].wrapped, plan: isPlan(title, openings[i]), lead: d.lead(sp)}
		body := texts(d.paras[sp.body:sp.bodyEnd])
		date, from, problems := d.date(i, keys, dates, meetings[i])
		st := Statement{
			Title:       titles[i],
			Date:        date,
			DateFrom:    from,
			Problems:    problems,
			Parties:     names(parties),
			Commitments: r.commitments(body),
			Fingerprint: fingerprint(d.paras[d.printStart(sp):sp.bodyEnd]),
		}
		if st.Title == "" {
			st.Title, st.Untitled = dateTitle(st.Date), true
		}
		out = append(out, readStatement{st, r, body})
	}
	return out
}

// partyKey is a list of parties sorted and joined, "" for fewer than two.
func partyKey(parties []string) string {
	if len(parties) < 2 {
		return ""
	}
	ps := slices.Sorted(slices.Values(parties))
	return strings.Join(ps, " ")
}

// region is the stretch of the document that holds span i and no other
// statement: from the end of the one before to the start of the next.
func (d *document) region(i int) [2]int {
	lo, hi := 0, len(d.paras)
	if i > 0 {
		lo = d.spans[i-1].end
	}
	if i+1 < len(d.spans) {
		hi = d.spans[i+1].start
	}
	return [2]int{lo, hi}
}

// headBetween reports whether only a head (titles, dates, headings)
// stands between paragraphs i and j.
func headBetween(paras []paragraph, i, j int) bool {
	for k := i + 1; k < j; k++ {
		switch paras[k].role {
		case RoleTitle, RoleSubtitle, RoleDateLine, RoleDateline, RoleHeading, RoleFeedStamp:
		default:
			return false
		}
	}
	return true
}

// isPlan reports whether a statement is an action plan or programme, by its
// title or by its opening (双方制定本行动计划如下).
func isPlan(title, opening string) bool {
	w := words()
	if start, end, ok := w.kindAt(stripNote(title)); ok {
		kind := title[start:end]
		for _, p := range w.plans {
			if strings.HasPrefix(kind, p) {
				return true
			}
		}
	}
	for _, p := range w.plans {
		if strings.Contains(opening, "本"+p) {
			return true
		}
	}
	return false
}

// lead returns the header an opening gives the list right below it
// (……宣布如下：1.……), or nil.
func (d *document) lead(sp span) *header {
	if sp.opening < 0 || sp.body >= sp.bodyEnd {
		return nil
	}
	o := d.paras[sp.opening].s
	if !strings.HasSuffix(o, "：") || d.paras[sp.body].role != RoleListItem {
		return nil
	}
	ss := sentenceTexts(o)
	return &header{commits: isCommitmentHeader(ss[len(ss)-1])}
}

// reportsAgreedText reports whether span i is agreed text that a news
// report announces in part (公报主要内容如下：, 双方达成以下共识：, not
// 全文如下：) after its dateline or news: the body is that text only
// (GUIDE §1).
func (d *document) reportsAgreedText(i int) bool {
	sp := d.spans[i]
	if sp.opening < 0 {
		return false
	}
	o := d.paras[sp.opening].s
	if !announces(o) || strings.HasSuffix(o, "全文如下：") {
		return false
	}
	for k := d.region(i)[0]; k < sp.opening; k++ {
		if r := d.paras[k].role; r == RoleNews || r == RoleDateline || datelinePrefixRe.MatchString(d.paras[k].s) {
			return true
		}
	}
	return false
}

// reportedMeeting returns the paragraph above span i, agreed text a news
// report announces (reportsAgreedText), that tells who met, when the
// report tells of the meeting and what each side said before the span and
// its opening names no parties: the report names them there (GUIDE §1).
// It returns -1 when there is none.
func (d *document) reportedMeeting(i int) int {
	sp := d.spans[i]
	if sp.opening != sp.start || len(findParties("", d.paras[sp.opening].s, "")) >= 2 {
		return -1
	}
	lo := d.region(i)[0]
	for k := sp.start - 1; k >= lo && k >= sp.start-maxHead; k-- {
		p := d.paras[k]
		if p.meeting || p.tellsOfVisit() {
			return k // 新华社……电 应……邀请，……进行国事访问 is a report's lead too
		}
	}
	return -1
}

// quotedTitle returns the last title quoted in 《》 in a report's
// announcement of a statement (双方发表《中华人民共和国和甲国关于……的联合
// 声明》。声明主要内容如下：), as the document printed it, or "".
func quotedTitle(s string) string {
	for {
		end := strings.LastIndex(s, "》")
		if end < 0 {
			return ""
		}
		start := strings.LastIndex(s[:end], "《")
		if start < 0 {
			return ""
		}
		if t := s[start+len("《") : end]; isTitle(script.Simplify(Normalize(t))) {
			return t
		}
		s = s[:start]
	}
}

// agreedEnd is where the agreed text of span sp ends, when a news report
// announces it: the body is the agreed text only (GUIDE §1), so once its
// points are numbered, the first paragraph with no number is the report
// again (当天，……会见了……).
func (d *document) agreedEnd(sp span) int {
	numbered := false
	for k := sp.body; k < sp.bodyEnd; k++ {
		if _, f := listMarker(d.paras[k].s); f != noMarker {
			numbered = true
		} else if numbered {
			return k
		}
	}
	return sp.bodyEnd
}

// printStart is where a span's fingerprint starts: its opening, else its
// visit paragraph, else its body. Copies of a statement differ in what
// they print above these (titles, datelines, a feed's headline).
func (d *document) printStart(sp span) int {
	switch {
	case sp.opening >= 0:
		return sp.opening
	case sp.visit >= 0:
		return sp.visit
	}
	return sp.body
}

// date finds a span's signing date (GUIDE §1), and says where it found it:
// the date line or signing clause of its closing, else one under its
// title; else a dateline, of its closing, its head or just above it, with
// the year taken from the rest of the document (or from the hint); else
// the dateline of the report's lead meeting (see reportedMeeting; -1 for
// none); else the first date of the visit or meeting paragraph; else the
// hint's date.
//
// A dateline's year is looked for in the stretch of the document that
// holds the statement and no other, and then in those of the statements
// with the same parties (keys), which may have been signed on one visit.
func (d *document) date(i int, keys []string, x *dateIndex, meeting int) (Date, string, []string) {
	sp := d.spans[i]
	own := d.region(i)
	lo := own[0]
	// kin reports whether paragraph p is in the stretch of another
	// statement of the same parties.
	kin := func(p int) bool {
		j, _ := slices.BinarySearchFunc(d.spans, p, func(s span, p int) int { return s.start - p })
		if j == len(d.spans) || d.spans[j].start > p {
			j-- // the span whose stretch reaches p is the last to start at or before it
		}
		if j < 0 {
			j = 0
		}
		if r := d.region(j); p < r[0] || p >= r[1] {
			return false
		}
		return j != i && keys[j] != "" && keys[j] == keys[i]
	}
	var problems []string
	// refuse reports the dates of paragraph i that are no dates pledge
	// takes (3000年1月2日, 2月30日), which the statement is not given.
	refuse := func(i int) {
		for _, w := range dates(d.paras[i].s) {
			if p := w.problem(); p != "" {
				problems = append(problems, fmt.Sprintf("line %d: %s is not a date pledge takes (%s)", d.paras[i].line, w.text, p))
			}
		}
	}
	for k, r := range [][2]int{{sp.bodyEnd, sp.end}, {sp.start, sp.body}} {
		for i := r[0]; i < r[1]; i++ {
			if d.paras[i].role == RoleDateLine {
				if dt, ok := ParseDate(d.paras[i].s); ok {
					return dt, [...]string{"the date line", "the date line under the title"}[k], problems
				}
				refuse(i)
			}
		}
	}
	datelineYear := func(i, month, day int) (Date, string, bool) {
		dt, fromHint := x.datelineDate(own, [2]int{sp.start, sp.end}, kin, i, month, day)
		from := "the dateline"
		if fromHint {
			from += ", with the year from " + x.hint.From
		}
		return dt, from, !dt.IsZero()
	}
	// leadDate dates paragraph i by the news agency's dateline it opens
	// with (新华社北京5月9日电……).
	leadDate := func(i int) (Date, string, bool) {
		m := datelinePrefixRe.FindStringSubmatch(d.paras[i].s)
		if m == nil {
			return Date{}, "", false
		}
		month, day := cnNumber(m[1], false), cnNumber(m[2], false)
		if month < 1 || month > 12 {
			return Date{}, "", false
		}
		return datelineYear(i, month, day)
	}
	for _, r := range [][2]int{{sp.bodyEnd, sp.end}, {max(lo, sp.start-4), sp.body}} {
		for i := r[0]; i < r[1]; i++ {
			p := d.paras[i].s
			if i < sp.start && !headBetween(d.paras, i, sp.start) {
				continue // a dateline above other text is that text's
			}
			if m, dd, ok := parseDateline(p); ok {
				if dt, from, ok := datelineYear(i, m, dd); ok {
					return dt, from, problems
				}
			}
			if i >= sp.start {
				if dt, from, ok := leadDate(i); ok {
					return dt, from, problems
				}
			}
		}
	}
	// Agreed text a report announces: the report's dateline.
	if meeting >= 0 {
		if dt, from, ok := leadDate(meeting); ok {
			return dt, from, problems
		}
	}
	if sp.visit >= 0 {
		if dt, ok := ParseDate(d.paras[sp.visit].s); ok {
			if d.paras[sp.visit].role == RoleVisit {
				return dt, "the visit paragraph", problems
			}
			return dt, "the meeting paragraph", problems
		}
		refuse(sp.visit)
	}
	if !x.hint.Date.IsZero() {
		// The visit's first day, without a year (于3月20日至22日), in the
		// year the hint gives: a visit paragraph comes before the hint.
		if sp.visit >= 0 {
			if m := monthDayRe.FindStringSubmatch(d.paras[sp.visit].s); m != nil {
				month, day := cnNumber(m[1], false), cnNumber(m[2], false)
				if dt := (Date{closestYear(x.hint.Date, month, day), month, day}); dt.valid() {
					return dt, "the visit paragraph, with the year from " + x.hint.From, problems
				}
			}
		}
		return x.hint.Date, x.hint.From, problems
	}
	return Date{}, "", append(problems, "no date found: no date line, dateline, visit or meeting paragraph gives one, nor the file's name; it is kept without a date (--date YYYY-MM-DD gives one)")
}

// texts returns the paragraphs' texts.
func texts(ps []paragraph) []text {
	out := make([]text, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

// dateTitle names a statement that has no title of its own.
func dateTitle(d Date) string {
	if d.IsZero() {
		return "联合声明（无标题，无日期）"
	}
	return "联合声明（" + d.String() + "）"
}

// fingerprint hashes a body's letters, digits and Chinese characters only,
// in simplified form, leaving out section numerals and headings, which
// some reprints drop, and punctuation and spacing, which differ between
// sources.
func fingerprint(body []paragraph) string {
	h := sha256.New()
	for _, p := range body {
		if isSectionNumeral(p.s) || isHeading(p.s) {
			continue
		}
		var b strings.Builder
		for _, r := range p.s {
			if isHan(r) || isLatin(r) || isDigit(r) {
				b.WriteRune(r)
			}
		}
		h.Write([]byte(b.String()))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
