package extract

import "strings"

// Commitment is one thing the parties undertake, agree, plan or intend to do:
// a list item under a commitment header, or a running-text sentence whose
// subject is the parties and whose verb is a commitment marker (GUIDE §2).
type Commitment struct {
	Ordinal int    // 1-based position among the statement's commitments
	Section string // the section numeral or heading it sits under, or ""
	Text    string // normalised, without its list marker
}

// unit is a candidate commitment: a list item or a running-text sentence.
type unit struct {
	section string
	text    string
	item    bool // a list item
	inList  bool // for an item: its list is one of things the parties will do
}

// reader reads the body of one statement: the words that name its parties,
// and whether its text was hard-wrapped, where a paragraph break inside a
// list item cannot be told from a real one.
type reader struct {
	subj    subjects
	wrapped bool
}

// commits reports whether the unit is a commitment.
func (r reader) commits(u unit) bool {
	if u.item {
		return u.inList && r.itemCommits(u.text)
	}
	return r.sentenceCommits(u.text, false)
}

// listKind is the kind of list being read.
type listKind int

const (
	noList listKind = iota
	dashList
	numberedList
)

// commitments returns the commitments of a statement body, in order.
func (r reader) commitments(body []string) []Commitment {
	var out []Commitment
	for _, u := range r.units(body) {
		if r.commits(u) {
			out = append(out, Commitment{Ordinal: len(out) + 1, Section: u.section, Text: u.text})
		}
	}
	return out
}

// units reads the paragraphs of a statement body, after its opening, into
// list items and sentences, each with the section it sits under.
func (r reader) units(body []string) []unit {
	var units []unit
	section := ""
	list := noList
	header, headerCommits := false, false
	for i, p := range body {
		if isSectionNumeral(p) || isHeading(p) {
			section, list, header = p, noList, false
			continue
		}
		if m := listMarker(p); m != "" && (list != noList || header) {
			if p == m {
				continue // a marker with nothing after it
			}
			kind := numberedList
			if m == "——" {
				kind = dashList
			}
			if header {
				list, header = kind, false
				units = append(units, unit{section: section, text: p[len(m):], item: true, inList: headerCommits})
				continue
			}
			units = append(units, unit{section: section, text: p[len(m):], item: true, inList: units[len(units)-1].inList})
			continue
		}
		if list != noList && r.continuesItem(body, i, list) {
			units[len(units)-1].text += p
			continue
		}
		// Running text: a header not followed by its list lapses here.
		list, header = noList, false
		for _, s := range sentences(p) {
			if strings.HasSuffix(s, "：") {
				header, headerCommits = true, isCommitmentHeader(s)
				continue
			}
			units = append(units, unit{section: section, text: s})
		}
	}
	return units
}

// continuesItem reports whether paragraph body[i], which has no list
// marker, continues the last item of a list rather than ending the list.
// An item numbered （十六） may run over several paragraphs until the next
// number, so a paragraph followed by another item of the list continues the
// one before it. A dash item is one paragraph, but in hard-wrapped text a
// line that happens to end at a full stop looks like a paragraph break. In
// both cases, after the last item, a paragraph continues the item unless it
// opens as running text does: with the parties or a connective.
func (r reader) continuesItem(body []string, i int, list listKind) bool {
	p := body[i]
	if strings.HasSuffix(p, "：") || list == dashList && !r.wrapped {
		return false
	}
	if moreItems(body[i+1:], list) {
		return true
	}
	if _, ok := r.subj.strip(stripConnective(p)); ok {
		return false
	}
	_, ok := hasPrefixAny(p, connectives)
	return !ok
}

// moreItems reports whether another item of a list of this kind comes before
// the list's block ends at a heading or a new list header.
func moreItems(rest []string, list listKind) bool {
	for _, p := range rest {
		if m := listMarker(p); m != "" {
			return (m == "——") == (list == dashList)
		}
		if isSectionNumeral(p) || isHeading(p) || strings.HasSuffix(p, "：") {
			return false
		}
	}
	return false
}

// isCommitmentHeader reports whether a header that introduces a list
// announces things the parties will do (双方商定：, 双方将采取以下措施：)
// rather than an assessment or principles (双方认为，……主要特征是：).
func isCommitmentHeader(h string) bool {
	if containsAny(h, []string{"认为", "指出", "原则", "特征", "强调"}) {
		return false
	}
	return containsAny(h, markers) || containsAny(h, []string{"任务", "措施", "方面", "方向", "举措", "目标"})
}

// itemCommits reports whether a list item holds an action of the parties.
// An item that is only an assessment, a concern or a call on others
// (——双方认为，……) is not a commitment even in a list of them.
func (r reader) itemCommits(text string) bool {
	first, _, _ := strings.Cut(text, "，")
	if !r.subj.opensWithAssessment(first) {
		return true
	}
	for _, s := range sentences(text) {
		if r.sentenceCommits(s, true) {
			return true
		}
	}
	return false
}

// sentenceCommits reports whether sentence s commits the parties: some
// clause has the parties as subject and a commitment marker as verb, or has
// no subject of its own, follows such a subject and opens with a marker
// (双方积极评价……，愿……). implied says the parties are the subject from the
// start, as in a list item.
//
// Two things end the parties' hold on the clauses that follow. A bare verb of
// assessment (双方认为，) makes them say what the parties think; a stance
// verb (反对……，将……政治化) makes them its object, where 将 is the object
// marker, not "will". A reporting verb brings the parties back (……，重申将……).
func (r reader) sentenceCommits(s string, implied bool) bool {
	if narrative(s) {
		return false
	}
	parties, scoped := implied, false
	for i, c := range clauses(s) {
		c = stripConnective(c)
		rest, subject := r.subj.strip(c)
		p := skipFillers(rest)
		if startsMarker(p) && (subject || i == 0 || parties && (!scoped || reports(rest))) {
			return true
		}
		switch {
		case subject:
			parties, scoped = true, p == "" || isAssessment(p) || opensWithStance(p)
		case i == 0:
			parties, scoped = implied, opensWithStance(p)
		case opensWithStance(p):
			scoped = true
		}
	}
	return false
}

// narrative reports whether a sentence tells what has been done rather than
// what will be: a perfective 了 (树立了, 达到了) with only an aspect-neutral
// marker (致力于, 继续) is the history of the relationship.
func narrative(s string) bool {
	if containsAny(s, []string{"将", "愿", "决心", "计划", "承诺", "保证", "商定", "同意"}) {
		return false
	}
	for _, w := range []string{"为了", "除了", "了解", "不了", "了不起"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return strings.Contains(s, "了")
}

// sentences splits a paragraph after each 。！？ (and any closing quote or
// bracket after it). A trailing part without one, such as a list header
// ending in ：, is returned as the last sentence.
func sentences(p string) []string {
	var out []string
	rs := []rune(p)
	start := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune("。！？", rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("”’」』）", rs[j]) {
			j++
		}
		out = append(out, string(rs[start:j]))
		start, i = j, j-1
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

// clauses splits a sentence at ，；： outside brackets and quotes.
func clauses(s string) []string {
	var out []string
	depth := 0
	var cur strings.Builder
	for _, r := range s {
		switch r {
		case '（', '《', '“', '「':
			depth++
		case '）', '》', '”', '」':
			if depth > 0 {
				depth--
			}
		case '，', '；', '：', '。', '！', '？':
			if depth == 0 {
				out = append(out, cur.String())
				cur.Reset()
				continue
			}
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
