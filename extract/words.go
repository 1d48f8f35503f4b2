package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"pledge/data"
)

// wordLists are the lists of data/extract.txt, where a user can read and
// change them: the commitment markers, assessments and subjects of GUIDE
// §2, and the document kinds, openings and news cues of GUIDE §1.
type wordLists struct {
	markers, fillers, assessments, stances, reporting, connectives []string
	agreements                                                     []string
	actions, assessmentAdverbs, futureMarkers, notPerfective       []string
	agents, notSubject, subjects, notParties                       []string
	commitHeaders, otherHeaders, documentSubjects                  []string
	kinds, plans, openings, visits, news, references, offices      []string
	furniture                                                      []string
	headlineVerbs, editionNotes, nameStops, notSeparators          []string
	chinaOffices                                                   []string
	announcements, meetings, reportedSpeech, speakers              []string

	// first indexes the lists that words are looked for at the start of a
	// string, by their first character.
	first struct {
		agents, notSubject, fillers, markers, assessments, stances, reporting, connectives prefixes
		documentSubjects, actions, nameStops, kinds, reportedSpeech                        prefixes
	}
	// newsSet and referencesSet are news and references to count.
	newsSet, referencesSet wordSet

	// officeRe matches an office followed by a name, as signatures write it.
	officeRe string
}

// words is read from the list built into pledge on first use.
var words = sync.OnceValue(func() *wordLists {
	s := data.Sections(data.ExtractWords())
	need := func(name string) []string {
		l, ok := s[name]
		if !ok || len(l) == 0 {
			panic(fmt.Sprintf("data/extract.txt has no [%s] list", name))
		}
		return l
	}
	w := &wordLists{
		markers:           longestFirst(need("markers")),
		agreements:        longestFirst(need("agreements")),
		fillers:           longestFirst(need("fillers")),
		assessments:       longestFirst(need("assessments")),
		stances:           longestFirst(need("stances")),
		actions:           longestFirst(need("actions")),
		reporting:         longestFirst(need("reporting")),
		connectives:       longestFirst(need("connectives")),
		agents:            longestFirst(need("agents")),
		notSubject:        longestFirst(need("not-subject")),
		subjects:          longestFirst(need("subjects")),
		notParties:        need("not-parties"),
		commitHeaders:     need("commitment-headers"),
		otherHeaders:      need("other-headers"),
		documentSubjects:  longestFirst(need("document-subjects")),
		kinds:             longestFirst(need("kinds")),
		plans:             need("plans"),
		openings:          need("openings"),
		visits:            need("visits"),
		news:              need("news"),
		furniture:         need("page-furniture"),
		references:        need("statement-references"),
		offices:           longestFirst(need("offices")),
		assessmentAdverbs: need("assessment-adverbs"),
		futureMarkers:     need("future-markers"),
		notPerfective:     need("not-perfective"),
		headlineVerbs:     need("headline-verbs"),
		editionNotes:      need("edition-notes"),
		nameStops:         longestFirst(need("name-stops")),
		notSeparators:     need("not-separators"),
		chinaOffices:      need("china-offices"),
		announcements:     longestFirst(need("announcements")),
		meetings:          need("meetings"),
		reportedSpeech:    longestFirst(need("reported-speech")),
		speakers:          longestFirst(need("speakers")),
	}
	f := &w.first
	for _, l := range []struct {
		index *prefixes
		words []string
	}{{&f.agents, w.agents}, {&f.notSubject, w.notSubject}, {&f.fillers, w.fillers}, {&f.markers, w.markers},
		{&f.assessments, w.assessments}, {&f.stances, w.stances}, {&f.reporting, w.reporting}, {&f.connectives, w.connectives},
		{&f.documentSubjects, w.documentSubjects}, {&f.actions, w.actions}, {&f.nameStops, w.nameStops}, {&f.kinds, w.kinds},
		{&f.reportedSpeech, w.reportedSpeech}} {
		*l.index = indexPrefixes(l.words)
	}
	w.newsSet, w.referencesSet = newWordSet(w.news), newWordSet(w.references)
	w.officeRe = alternation(w.offices)
	return w
})

// kindAt finds the document kind a title ends with, and the edition note
// or years some titles add after it (（全文）, （2024—2028年）): the start of
// the kind, and the end of the note (or the kind), for the longest kind
// there. Titles are tried by the thousand, so it compares suffixes rather
// than run a regular expression from every position.
func (w *wordLists) kindAt(s string) (start, end int, ok bool) {
	t := s
	if body, found := strings.CutSuffix(t, "）"); found {
		if i := strings.LastIndex(body, "（"); i >= 0 {
			if note := body[i+len("（"):]; slices.Contains(w.editionNotes, note) || yearRange(note) {
				t = body[:i]
			}
		}
	}
	for _, k := range w.kinds { // longest first
		if strings.HasSuffix(t, k) {
			return len(t) - len(k), len(s), true
		}
	}
	return 0, 0, false
}

// yearRange reports whether s is a span of years as titles give them:
// 2024—2028年, 2021-2025, 2016至2020年.
func yearRange(s string) bool {
	s = strings.TrimSuffix(s, "年")
	if len(s) < 9 || !digits(s[:4]) || !digits(s[len(s)-4:]) {
		return false
	}
	switch s[4 : len(s)-4] {
	case "—", "-", "－", "–", "至":
		return true
	}
	return false
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// longestFirst sorts a copy of ws by length, longest first, so that a
// prefix match takes the longest word (联合新闻公报 before 公报).
func longestFirst(ws []string) []string {
	ws = slices.Clone(ws)
	slices.SortStableFunc(ws, func(a, b string) int { return len(b) - len(a) })
	return ws
}

// alternation is a regular expression matching any of ws, longest first.
func alternation(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range longestFirst(ws) {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

// prefixes are words by their first character, each character's in the
// order of the list: the first of them that a string starts with is the
// first of the whole list it starts with, found among a few.
type prefixes map[rune][]string

func indexPrefixes(ws []string) prefixes {
	out := prefixes{}
	for _, w := range ws {
		r := firstRune(w)
		out[r] = append(out[r], w)
	}
	return out
}

// of returns the first of the words that s starts with (see hasPrefixAny).
func (p prefixes) of(s string) (string, bool) { return hasPrefixAny(s, p[firstRune(s)]) }

// hasPrefixAny returns the first of words that s starts with.
func hasPrefixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		// The first byte before the rest: most words differ there, or,
		// Chinese all starting alike, at the last byte of the character.
		if len(w) <= len(s) && (len(w) < 3 || w[0] == s[0] && w[2] == s[2]) && s[:len(w)] == w {
			return w, true
		}
	}
	return "", false
}

// hasSuffixAny returns the first of words that s ends with.
func hasSuffixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return w, true
		}
	}
	return "", false
}

// containsAny reports whether s holds one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// wordSet is a list of words to count in a text, indexed by first
// character, and a filter of those characters (by their last 8 bits) that
// lets a count skip most of the text's characters.
type wordSet struct {
	words   []string
	byFirst map[rune][]int
	filter  [4]uint64
}

func newWordSet(ws []string) wordSet {
	out := wordSet{words: ws, byFirst: map[rune][]int{}}
	for i, w := range ws {
		r := firstRune(w)
		out.byFirst[r] = append(out.byFirst[r], i)
		out.filter[byte(r)>>6] |= 1 << (byte(r) & 63)
	}
	return out
}

// count counts the words of the set that s holds (each one once, however
// often it holds it), in one pass over s.
func (ws wordSet) count(s string) int {
	var found []bool
	n := 0
	for i, r := range s {
		if ws.filter[byte(r)>>6]&(1<<(byte(r)&63)) == 0 {
			continue
		}
		for _, k := range ws.byFirst[r] {
			if w := ws.words[k]; (found == nil || !found[k]) && strings.HasPrefix(s[i:], w) {
				if found == nil {
					found = make([]bool, len(ws.words))
				}
				found[k] = true
				n++
			}
		}
	}
	return n
}
