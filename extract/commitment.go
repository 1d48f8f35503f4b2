package extract

import "strings"

// Commitment is one thing the parties undertake, agree, plan or intend to do:
// a list item under a commitment header, or a running-text sentence whose
// subject is the parties and whose verb is a commitment marker (GUIDE §2).
type Commitment struct {
	Ordinal int    // 1-based position among the statement's commitments
	Section string // the section numeral or heading it sits under, or ""
	Text    string // normalised, without its list marker, as the file wrote it
}

// The word lists of this file are matched at the start of a clause, after
// its subject: only the parties' own predicate decides, so 决定 in
// 美国决定退出 does not count.

// subjects are the ways a clause names a statement's parties as its
// subject: words (双方, 中方, 中俄, 甲乙两国), by their first character,
// longest first (see subjectWords), and the parties by name, full or
// short, with or without 政府, alone or listed (中华人民共和国政府和丁国
// 政府). Every clause of a document is tried against them, so only the
// words that start as the clause does are compared.
type subjects struct {
	words map[rune][]string
	// named are the parties (canonical names) a clause may name as its
	// subject; nil for a statement whose parties are not known.
	named map[string]bool
	// anyState accepts any states as the subject when they are two or
	// more, or one with its 政府: the structure reader counts
	// undertakings so before a statement's parties are known.
	anyState bool
}

func newSubjects(ws []string) subjects {
	out := subjects{words: map[rune][]string{}}
	for _, w := range longestFirst(ws) {
		r := firstRune(w)
		out.words[r] = append(out.words[r], w)
	}
	return out
}

// match returns the subject at the start of clause c: the longest subject
// word, or the parties named.
func (subj subjects) match(c string) (string, bool) {
	w, ok := hasPrefixAny(c, subj.words[firstRune(c)])
	if subj.named == nil && !subj.anyState {
		return w, ok
	}
	ps, n := partyPrefix(c)
	if n <= len(w) || len(ps) == 0 {
		return w, ok
	}
	for _, p := range ps {
		if subj.named != nil && !subj.named[p.name] {
			return w, ok
		}
	}
	// One state named alone is the subject with its government or head
	// (丁国政府将……, 中华人民共和国主席……); its bare full name is how
	// running text tells history (苏联解体后，中华人民共和国承认……).
	if len(ps) < 2 && !endsInOrgan(c[:n]) {
		return w, ok
	}
	return c[:n], true
}

// endsInOrgan reports whether a party's name ends in its government or an
// office (丁国政府, 俄罗斯联邦总统).
func endsInOrgan(name string) bool {
	_, ok := hasSuffixAny(name, organs())
	return ok
}

// strip strips the parties as the subject of a clause and reports whether
// they were there.
func (subj subjects) strip(c string) (rest string, ok bool) {
	w, ok := subj.match(c)
	if !ok {
		return c, false
	}
	rest = c[len(w):]
	// Both sides named: 中方和午方, 俄方与中方. The second is any side, of
	// a state the table knows or not.
	for _, and := range []string{"和", "与", "同"} {
		if after, found := strings.CutPrefix(rest, and); found {
			if w2, ok := subj.match(after); ok {
				rest = after[len(w2):]
			} else if rs := []rune(after); len(rs) >= 2 && isHan(rs[0]) && rs[1] == '方' {
				rest = string(rs[2:])
			}
			break
		}
	}
	agents := words().first.agents
	if a, ok := agents.of(rest); ok {
		return rest[len(a):], true
	}
	if startsMarker(skipFillers(rest)) {
		return rest, true // the predicate: 双方将尽早召开政府间……
	}
	// A short qualifier before an organ: 中俄金融监管部门.
	rs := []rune(rest)
	for n := 1; n <= 6 && n < len(rs); n++ {
		if a, ok := agents.of(string(rs[n:])); ok && onlyHan(string(rs[:n])) {
			return string(rs[n:])[len(a):], true
		}
	}
	if _, bad := words().first.notSubject.of(rest); bad {
		return c, false
	}
	return rest, true
}

// skipFillers strips adverbs and reporting verbs before a predicate.
func skipFillers(s string) string {
	for {
		f, ok := words().first.fillers.of(s)
		if !ok {
			return s
		}
		s = s[len(f):]
	}
}

// startsMarker reports whether a predicate opens with a commitment marker.
// 继续 counts only when an action follows it.
func startsMarker(p string) bool {
	m, ok := words().first.markers.of(p)
	if !ok {
		return false
	}
	return m != "继续" || len(p) > len(m)
}

// isAssessment reports whether a predicate is only a verb of assessment,
// with what is assessed following in the next clause.
func isAssessment(p string) bool {
	for _, a := range words().assessments {
		if p == a {
			return true
		}
	}
	return false
}

// opensWithAssessment reports whether a clause's predicate starts with a verb
// of assessment, concern, thanks or a call on others.
func (subj subjects) opensWithAssessment(c string) bool {
	c = stripConnective(c)
	if rest, ok := subj.strip(c); ok {
		c = rest
	}
	for _, f := range words().assessmentAdverbs {
		c = strings.TrimPrefix(c, f)
	}
	_, ok := words().first.assessments.of(c)
	return ok
}

// opensWithStance reports whether a predicate starts with a stance verb.
func opensWithStance(p string) bool {
	_, ok := words().first.stances.of(p)
	return ok
}

// reports reports whether a clause opens with a reporting verb.
func reports(c string) bool {
	_, ok := words().first.reporting.of(c)
	return ok
}

func stripConnective(c string) string {
	if w, ok := words().first.connectives.of(c); ok {
		return c[len(w):]
	}
	return c
}

func onlyHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}

// itemCommits reports whether a list item under a commitment header holds
// an action of the parties, who are its subject unless it names another.
// An item that is only an assessment, a concern, thanks or a call on others
// (——双方认为，……), or whose subject is the document itself
// (本行动计划自签署之日起生效), is not a commitment even in a list of them;
// an item that goes on from an assessment to an action is one
// (——双方强调航空运输的重要性，……推动两国民航主管部门研究增加航权事宜).
func (subj subjects) itemCommits(text string) bool {
	first, _, _ := strings.Cut(text, "，")
	_, aboutDocument := words().first.documentSubjects.of(text)
	if !subj.opensWithAssessment(first) && !aboutDocument {
		return true
	}
	for _, s := range sentenceTexts(text) {
		if subj.sentenceCommits(s, !aboutDocument) || !aboutDocument && subj.actsAfterAssessing(s) {
			return true
		}
	}
	return false
}

// actsAfterAssessing reports whether a sentence that opens with an
// assessment of something (双方强调航空运输……的重要性，) goes on with a
// clause of action (推动……研究……). After a bare assessment (双方认为，)
// the clauses that follow say what the parties think, not what they do.
func (subj subjects) actsAfterAssessing(s string) bool {
	cs := clauses(s)
	if len(cs) < 2 {
		return false
	}
	rest, _ := subj.strip(stripConnective(cs[0]))
	if p := skipFillers(rest); p == "" || isAssessment(p) || !subj.opensWithAssessment(cs[0]) {
		return false
	}
	for _, c := range cs[1:] {
		c = stripConnective(c)
		if _, ok := subj.strip(c); ok || opensWithStance(c) || subj.opensWithAssessment(c) {
			return false // a new subject or another verb of assessment
		}
		if _, ok := words().first.actions.of(c); ok {
			return true
		}
	}
	return false
}

// ownCommits reports whether an item outside a list of undertakings commits
// the parties by its own words: a sentence with the parties as subject and
// a marker as verb, or (——将……) a marker with no subject of its own.
func (subj subjects) ownCommits(text string) bool {
	for _, s := range sentenceTexts(text) {
		if subj.sentenceCommits(s, false) {
			return true
		}
	}
	return false
}

// namedCommits reports whether an item under a header of assessments or
// principles still commits the parties in so many words: the parties
// named as subject, with a marker.
func (subj subjects) namedCommits(text string) bool {
	for _, s := range sentenceTexts(text) {
		for _, c := range clauses(s) {
			rest, ok := subj.strip(stripConnective(c))
			if ok && startsMarker(skipFillers(rest)) {
				return true
			}
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
// marker, not "will" (another marker still commits: 甲方支持……，愿……). A
// reporting verb brings the parties back (……，重申将……).
func (subj subjects) sentenceCommits(s string, implied bool) bool {
	if narrative(s) {
		return false
	}
	// scoped: what follows is what the parties think; stance: what they
	// support or oppose, where only 将 is ambiguous.
	parties, scoped, stance := implied, false, false
	// said: the last clause was the parties and a reporting verb alone
	// (双方重申，): the next clause is theirs if it opens with a marker,
	// and someone else's if not (双方强调，有关国家将……).
	said := false
	for i, c := range clauses(s) {
		c = stripConnective(c)
		rest, subject := subj.strip(c)
		p := skipFillers(rest)
		if said && !subject && !startsMarker(p) {
			scoped = true
		}
		said = false
		if a, ok := words().first.assessments.of(p); ok && strings.HasPrefix(p[len(a):], "并") {
			// Two verbs for one object: 双方赞赏并愿深化……合作.
			if q := skipFillers(p[len(a)+len("并"):]); startsMarker(q) {
				p = q
			}
		}
		if startsMarker(p) && (subject || i == 0 || parties && (!scoped || reports(rest) || stance && !strings.HasPrefix(p, "将") || agrees(p))) {
			return true
		}
		switch {
		case subject:
			stance = p != "" && !isAssessment(p) && opensWithStance(p)
			said = p == "" && reports(strings.TrimSpace(rest))
			parties, scoped = true, p == "" && !said || isAssessment(p) || stance
		case i == 0:
			stance = opensWithStance(p)
			parties, scoped = implied, stance
		case opensWithStance(p):
			scoped, stance = true, true
		}
	}
	return false
}

// agrees reports whether a predicate opens with the parties' act of
// agreeing (data/extract.txt [agreements]).
func agrees(p string) bool {
	_, ok := hasPrefixAny(p, words().agreements)
	return ok
}

// narrative reports whether a sentence tells what has been done rather than
// what will be: a perfective 了 (树立了, 达到了) with only an aspect-neutral
// marker (致力于, 继续) is the history of the relationship.
func narrative(s string) bool {
	if containsAny(s, words().futureMarkers) {
		return false
	}
	for _, w := range words().notPerfective {
		s = strings.ReplaceAll(s, w, "")
	}
	return strings.Contains(s, "了")
}

// sentenceTexts splits s after each 。！？ (and any closing quote or
// bracket after it); see sentenceEnds.
func sentenceTexts(s string) []string {
	var out []string
	start := 0
	for _, end := range sentenceEnds(s) {
		out = append(out, s[start:end])
		start = end
	}
	return out
}

// sentenceEnds returns the byte offsets at which the sentences of s end:
// after each 。！？ and any closing quote or bracket after it. A trailing
// part without one, such as a list header ending in ：, is the last
// sentence.
func sentenceEnds(s string) []int {
	var out []int
	for i := 0; i < len(s); {
		r := firstRune(s[i:])
		i += len(string(r))
		if !strings.ContainsRune("。！？", r) {
			continue
		}
		for i < len(s) && strings.ContainsRune("”’」』）", firstRune(s[i:])) {
			i += len(string(firstRune(s[i:])))
		}
		out = append(out, i)
	}
	if len(out) == 0 || out[len(out)-1] < len(s) {
		out = append(out, len(s))
	}
	if len(s) == 0 {
		return nil
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
