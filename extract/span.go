package extract

import (
	"fmt"
	"slices"
	"strings"
)

// span is a candidate statement: paragraphs [start, end) of a document.
// Its head (titles, a date line, a dateline, the visit paragraph, the
// opening) runs from start to body; its body, whose units are read for
// commitments, from body to bodyEnd; its closing (date line, signatures,
// dateline) from bodyEnd to end.
type span struct {
	start, body, bodyEnd, end int
	visit, opening            int // the visit paragraph and the opening, or -1
	score                     float64
	cues                      []Cue
}

// minScore is the evidence a span needs to be a statement. A statement
// with a title, an opening and a closing has several times this; a news
// report that quotes two commitments has less.
const minScore = 3.0

// The weights of the evidence for a span.
const (
	sTitle        = 2.0
	sVisit        = 2.0
	sMeeting      = 1.0  // a paragraph that tells who met, and when, but no visit
	sPartiesFirst = 2.0  // the text opens with the parties, for want of a title
	sUnmarked     = -2.0 // nothing marks where a statement starts or ends
	sOpening      = 3.0
	sHeadDate     = 1.0
	sDateLine     = 2.0
	sSignature    = 1.0
	sDateline     = 1.0
	sCommitment   = 0.75 // for each commitment, up to sMaxCommitments
	sNoCommitment = -2.0
	sNewsWord     = -1.0 // for each news word or reference to a statement
	sNewsLead     = -2.0 // for a paragraph that opens a news report
)

const sMaxCommitments = 8

// segments cuts a document into stretches that cannot hold more than one
// statement: a feed's timestamp ends one, and so does a closing, or a new
// head (title, visit paragraph, opening), once the stretch holds body text
// (commitments or list items). It returns their bounds, [a, b) pairs.
func segments(paras []paragraph) [][2]int {
	var out [][2]int
	a, body := 0, false
	var parties string // the parties the stretch's head names, sorted
	section := 0       // the number of the last 一、 section of the body
	cut := func(b int) {
		if b > a {
			out = append(out, [2]int{a, b})
		}
		a, body, parties, section = b, false, "", 0
	}
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		switch {
		case p.role == RoleFeedStamp && !(i > a && paras[i-1].role == RoleTitle):
			// A feed's stamp starts an item; one right under a title is
			// the page's time of publication, in the title's head.
			cut(i)
			a = i + 1
			continue
		case body && (p.role == RoleTitle || p.role == RoleVisit || p.role == RoleOpening):
			// A new head after body text: what follows is another
			// document's (GUIDE §1: a file may hold several statements).
			cut(headStart(paras, a, i))
		case body && section >= 2 && sectionNumber(p.s) == "一":
			// The sections are numbered from 一 again: another document.
			cut(i)
		case i > a && newsLead(p):
			// A news report or a commentary opens: what stands above it
			// (a body, or a title printed after the statement before) is
			// not its head.
			cut(i)
		case body && p.partiesFirst && partyNames(p.s) != parties:
			// Other parties named in full: the start of another statement
			// that has no title (中华人民共和国政府和庚国政府……).
			cut(i)
		case body && p.role.closes():
			j := i
			for j < len(paras) && paras[j].role.closes() {
				j++
			}
			cut(j)
			i = j - 1
			continue
		}
		if p.role == RoleTitle || p.role == RoleOpening || p.partiesFirst {
			// The parties of the head nearest the body: a title printed
			// after the statement before stands above this one's.
			if named := partyNames(p.s); named != "" && (!body || parties == "") {
				parties = named
			}
		}
		if p.commits > 0 || p.role == RoleListItem {
			body = true
		}
		if n := sectionNumber(p.s); n != "" && body {
			section = cnNumber(n, false)
		}
	}
	cut(len(paras))
	return out
}

// partyNames are the parties named at the start of s, sorted and joined,
// or "" when it names fewer than two.
func partyNames(s string) string {
	ps := names(parsePartyList(s))
	if len(ps) < 2 {
		return ""
	}
	slices.Sort(ps)
	return strings.Join(ps, " ")
}

// newsLead reports whether p opens a news report or a commentary: a
// news agency's dateline, a byline (本报评论员, 本报讯).
func newsLead(p paragraph) bool {
	return p.role == RoleNews && (datelinePrefixRe.MatchString(p.s) || p.news >= wMedium)
}

// headStart returns where the head that ends at paragraph i begins: the
// titles and datelines just above a visit paragraph or opening go with it.
func headStart(paras []paragraph, a, i int) int {
	for i > a {
		switch paras[i-1].role {
		case RoleTitle, RoleSubtitle, RoleDateline:
			i--
			continue
		}
		break
	}
	return i
}

// tally holds running totals over a document's paragraphs, so that a
// span's evidence is summed in constant time however long it is: the
// structure reader stays linear in the size of the file.
type tally struct {
	commits []int     // commits[i]: commitments in paragraphs before i
	news    []float64 // news[i]: weight of news cues before i
	leads   []int     // leads[i]: news reports that open before i
	roles   []Role    // each paragraph's
}

func newTally(paras []paragraph) *tally {
	t := &tally{make([]int, len(paras)+1), make([]float64, len(paras)+1), make([]int, len(paras)+1), make([]Role, len(paras))}
	for i, p := range paras {
		t.roles[i] = p.role
		t.commits[i+1] = t.commits[i] + p.commits
		t.news[i+1] = t.news[i] + p.news
		t.leads[i+1] = t.leads[i]
		if p.role == RoleNews && datelinePrefixRe.MatchString(p.s) {
			t.leads[i+1]++
		}
	}
	return t
}

// maxHead bounds how far the head of a statement (titles, dates, the visit
// paragraph and the narrative after it, the opening) and its closing
// (signatures, date line, dateline) reach, in paragraphs; and maxStarts
// how many starts a stretch offers. A stretch with more is not a
// statement's, and the bounds keep a hostile file from costing time.
const (
	maxHead   = 8
	maxStarts = 8
)

// candidates returns the spans a segment could hold: starting at each
// title, visit paragraph or opening, or at the first paragraph where the
// parties commit; ending after its closing, before the news that follows
// it, or at the end of the segment.
func candidates(paras []paragraph, t *tally, seg [2]int) []span {
	a, b := seg[0], seg[1]
	var starts []int
	firstCommit := -1
	for i := a; i < b && len(starts) < maxStarts; i++ {
		switch p := paras[i]; {
		case p.role == RoleTitle, p.role == RoleVisit, p.role == RoleOpening, p.partiesFirst:
			starts = append(starts, i)
		case p.meeting && p.commits == 0:
			starts = append(starts, i) // a news report's lead, for the agreed text it announces
		}
		if firstCommit < 0 && paras[i].commits > 0 {
			firstCommit = i
			if len(starts) == 0 {
				starts = append(starts, i)
			}
		}
	}
	var out []span
	for _, s := range starts {
		body, visit, opening := bodyStart(paras, s, b)
		closing, news := -1, -1
		committed := false // news ends a span only after the body commits
		for i := body; i < b && (closing < 0 || news < 0); i++ {
			switch {
			case opensReport(paras, i):
				// A dateline out of brackets with text after it is the
				// head of the next report, not this statement's closing.
				if news < 0 {
					news = i
				}
			case closing < 0 && paras[i].role.closes():
				closing = i
			case news < 0 && paras[i].role == RoleNews && i > body && committed:
				news = i
			}
			committed = committed || paras[i].commits > 0
		}
		ends := []int{b}
		if closing >= 0 {
			j := closing
			for j < b && j < closing+maxHead && paras[j].role.closes() {
				j++
			}
			ends = append(ends, j)
		}
		if news >= 0 && (closing < 0 || news < closing) {
			ends = append(ends, news)
		}
		slices.Sort(ends)
		for _, e := range slices.Compact(ends) {
			sp := span{start: s, body: body, bodyEnd: e, end: e, visit: visit, opening: opening}
			if closing >= 0 && closing < e {
				sp.bodyEnd = closing
			}
			sp.weigh(paras, t)
			out = append(out, sp)
		}
	}
	return out
}

// opensReport reports whether paragraph i is a dateline that opens a news
// report (本报深圳6月12日电（记者周敏） and the report after it) rather than
// one that closes a statement (（新华社莫斯科6月5日电）, in brackets, or
// last).
func opensReport(paras []paragraph, i int) bool {
	return paras[i].role == RoleDateline && !strings.HasPrefix(paras[i].s, "（") &&
		i+1 < len(paras) && !paras[i+1].role.closes()
}

// bodyStart finds where the body of a span starting at s begins: after its
// opening, else after its visit paragraph, else after the titles, subtitle
// and dates of its head. It returns the visit paragraph and opening too,
// -1 for those it has not.
func bodyStart(paras []paragraph, s, b int) (body, visit, opening int) {
	visit, opening = -1, -1
	i := s
	for i < b && i < s+maxHead {
		switch paras[i].role {
		case RoleTitle, RoleSubtitle, RoleDateLine, RoleDateline, RoleFeedStamp:
			i++
			continue
		}
		break
	}
	body = i
	// The visit or meeting paragraph opens the head; the opening may
	// follow it after a narrative of the visit or of the talks, but comes
	// before any commitment. A page that reprints a statement after
	// announcing it (……全文如下：) prints its title after the opening.
	for j := i; j < b && j < i+maxHead; j++ {
		p := paras[j]
		if pageFurniture(p.s) {
			continue // a web page's 来源：…… and 【打印】 between title and text
		}
		isVisit := (p.role == RoleVisit || p.meeting && p.commits == 0) && visit < 0
		if isVisit && p.role != RoleOpening {
			visit, body = j, j+1
			continue
		}
		if p.role == RoleOpening {
			if isVisit {
				visit = j // ……举行会谈。……全文如下：
			}
			opening, body = j, j+1
			if p.commits > 0 && !strings.HasSuffix(p.s, "：") {
				// An opening that is itself an undertaking (……（以下简称“两
				// 国”）……决定……建立外交关系。) announces nothing: it is body.
				body = j
				break
			}
			for body < b && (paras[body].role == RoleTitle || paras[body].role == RoleSubtitle) {
				body++
			}
			break
		}
		if p.commits > 0 || p.role == RoleListItem || p.role == RoleHeading || p.role == RoleVisit {
			break
		}
	}
	return body, visit, opening
}

// weigh scores the evidence that the span is a statement.
func (sp *span) weigh(paras []paragraph, t *tally) {
	var cues []Cue
	add := func(name string, w float64) { cues = append(cues, Cue{Name: name, Weight: w}) }
	title, headDate := -1, -1
	for i := sp.start; i < sp.body; i++ {
		switch paras[i].role {
		case RoleTitle:
			if title < 0 {
				title = i
			}
		case RoleDateLine:
			if headDate < 0 {
				headDate = i
			}
		}
	}
	if title >= 0 {
		add(fmt.Sprintf("title (¶%d)", title+1), sTitle)
	}
	if headDate >= 0 {
		add(fmt.Sprintf("date under the title (¶%d)", headDate+1), sHeadDate)
	}
	marked := title >= 0 || headDate >= 0 || sp.opening >= 0
	switch {
	case sp.visit >= 0 && paras[sp.visit].role == RoleVisit:
		add(fmt.Sprintf("visit paragraph (¶%d)", sp.visit+1), sVisit)
		marked = true
	case sp.visit >= 0:
		add(fmt.Sprintf("meeting paragraph (¶%d)", sp.visit+1), sMeeting)
		// A meeting and then what the parties agreed, as points under a
		// header (双方一致同意：): the agreed points of a news report.
		for i := sp.body; i < sp.bodyEnd; i++ {
			if paras[i].role == RoleListHeader && paras[i].commits > 0 {
				marked = true
				break
			}
		}
	}
	if sp.opening >= 0 {
		add(fmt.Sprintf("opening (¶%d)", sp.opening+1), sOpening)
	}
	if title < 0 && sp.opening < 0 && paras[sp.start].partiesFirst {
		add(fmt.Sprintf("opens with the parties (¶%d)", sp.start+1), sPartiesFirst)
		marked = true
	}
	seen := map[Role]bool{}
	for i := sp.bodyEnd; i < sp.end && i < sp.bodyEnd+maxHead; i++ {
		r := paras[i].role
		if seen[r] || !r.closes() {
			continue
		}
		seen[r] = true
		marked = true
		switch r {
		case RoleDateLine:
			add(fmt.Sprintf("closing date line (¶%d)", i+1), sDateLine)
		case RoleSignature:
			add(fmt.Sprintf("signatures (¶%d)", i+1), sSignature)
		case RoleDateline:
			add(fmt.Sprintf("closing dateline (¶%d)", i+1), sDateline)
		}
	}
	commits := t.commits[sp.bodyEnd] - t.commits[sp.body]
	news := t.news[sp.end] - t.news[sp.start]
	// A report that opens the span is where the statement sits (GUIDE §1:
	// agreed text inside a news report); one that opens inside it is news
	// around it.
	leads := t.leads[sp.end] - t.leads[sp.start+1]
	if commits > 0 {
		add(fmt.Sprintf("%d sentences or items where the parties commit", commits), sCommitment*float64(min(commits, sMaxCommitments)))
	} else {
		add("no sentence where the parties commit", sNoCommitment)
	}
	if news > 0 {
		add(fmt.Sprintf("news words or talk of a statement (%.1f)", news), sNewsWord*news)
	}
	if leads > 0 {
		add(fmt.Sprintf("%d news reports open inside", leads), sNewsLead*float64(leads))
	}
	if !marked {
		add("no title, opening, visit paragraph or closing", sUnmarked)
	}
	sp.cues, sp.score = cues, 0
	for _, c := range cues {
		sp.score += c.Weight
	}
}

// chooseSpans keeps, in each segment, the best-scoring candidate if it
// reaches minScore. It returns the spans kept, in document order, and
// every candidate with the verdict on it, for Explain.
// longerBetter breaks a tie between spans: the longer wins, unless it only
// adds paragraphs where nobody commits to one that ends where news begins
// (a spokesman's words after the agreed points, which count as news).
func longerBetter(t *tally, c, best span) bool {
	if c.end-c.start <= best.end-best.start {
		return false
	}
	same := c.start == best.start && t.commits[c.end]-t.commits[best.end] == 0
	return !(same && best.end < len(t.roles) && t.roles[best.end] == RoleNews)
}

func chooseSpans(paras []paragraph) (kept []span, all []SpanExplanation) {
	t := newTally(paras)
	for _, seg := range segments(paras) {
		cs := candidates(paras, t, seg)
		best := -1
		for k, c := range cs {
			if best < 0 || c.score > cs[best].score || c.score == cs[best].score && longerBetter(t, c, cs[best]) {
				best = k
			}
		}
		for k, c := range cs {
			v := SpanExplanation{First: c.start + 1, Last: c.end, Score: c.score, Cues: c.cues}
			switch {
			case k != best:
				v.Verdict = fmt.Sprintf("dropped: a span of the same stretch scores more (%.2f)", cs[best].score)
			case c.score < minScore:
				v.Verdict = fmt.Sprintf("dropped: below the %.1f a statement needs", minScore)
			default:
				v.Verdict = "kept"
				v.Kept = true
				kept = append(kept, c)
			}
			all = append(all, v)
		}
	}
	return kept, all
}
