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
	actions, assessmentAdverbs, futureMarkers, notPerfective       []string
	agents, notSubject, subjects, notParties                       []string
	commitHeaders, otherHeaders, documentSubjects                  []string
	kinds, plans, openings, visits, news, references, offices      []string
	headlineVerbs, editionNotes, nameStops                         []string
	announcements, meetings, reportedSpeech, speakers              []string

	// kindRe matches a document kind at the end of a title, with the
	// edition note or years some titles add: （全文）, （2024—2028年）.
	kindRe *regexp.Regexp
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
		references:        need("statement-references"),
		offices:           longestFirst(need("offices")),
		assessmentAdverbs: need("assessment-adverbs"),
		futureMarkers:     need("future-markers"),
		notPerfective:     need("not-perfective"),
		headlineVerbs:     need("headline-verbs"),
		editionNotes:      need("edition-notes"),
		nameStops:         longestFirst(need("name-stops")),
		announcements:     longestFirst(need("announcements")),
		meetings:          need("meetings"),
		reportedSpeech:    longestFirst(need("reported-speech")),
		speakers:          longestFirst(need("speakers")),
	}
	w.kindRe = regexp.MustCompile(`(?:` + alternation(w.kinds) + `)(?:（(?:` + alternation(w.editionNotes) + `)）|（\d{4}(?:—|-|－|–|至)\d{4}年?）)?$`)
	w.officeRe = alternation(w.offices)
	return w
})

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

// hasPrefixAny returns the first of words that s starts with.
func hasPrefixAny(s string, words []string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
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

// countAny counts the words of ws that s holds.
func countAny(s string, ws []string) int {
	n := 0
	for _, w := range ws {
		if strings.Contains(s, w) {
			n++
		}
	}
	return n
}
