package link

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/data"
)

// The features of a pair of commitments, later a and earlier b, that the
// model weighs. They ask, each in its way, whether a and b do the same
// thing to the same object: how much of their words, nouns and characters
// they share; whether what each holds and the other lacks is a key noun
// (another object: 铁路 for 航空) or a verb or a stage of the undertaking
// (another action: 谈判 after 可行性研究); and how a compares with the
// other earlier commitments like it.
var featureNames = [nFeatures]string{
	"cosine", "first-sentence", "nouns", "verbs-shared", "same-domain",
	"a-uncovered", "b-uncovered", "length-ratio", "characters", "verbs-differ", "stages-differ",
	"a-nouns-uncovered", "b-nouns-uncovered", "keys-covered-min", "keys-covered-max",
	"uncovered-min", "uncovered-max", "nouns-uncovered-min", "nouns-uncovered-max", "contained",
	"contained-keys-max", "contained-keys-min", "contained-stages", "contained-verbs",
	"gap-to-best", "close-ones", "rank",
	"frame", "noun-swap", "action-swap", "kind-swap",
	"short-stages-differ", "short-kind-swap", "short-noun-swap", "short-action-swap",
	"first-stages-differ", "clean-swap", "object-swap",
}

const nFeatures = 38

// objectSwap is the feature that rules a pair out whatever the rest
// says (chance; the fit leaves such pairs out): the two keep one frame and
// each holds, in one place, a noun or two the other lacks, and nothing
// else (丁香 for 腰果 in 加快完成坤国腰果输华检疫准入程序; not one of the
// commonest nouns: otherObject), or they name other members of one series
// (marksDiffer: 第二次会议, 第一次会议; 2023—2027年, 2018—2022年), or the
// later names a second phase or building of what the earlier names with
// none (nextMember: 二期项目 after 项目), or one
// holds a session of what the other sets up (sessionOf), or one of two
// short ones studies what the other does (studyOf), or one party acts in
// each and not the same one (actorsDiffer: 中方将 against 马方将): another
// object or another action, another commitment (GUIDE §4).
const objectSwap = nFeatures - 1

// shortWords is the most content words a short commitment has: in one of
// a clause or two, a swapped object or another stage is what it does (the
// short-* features), while a long one holds many objects and stages and
// a later one rewords it (the seeds' pairs: 15 of their repetitions name
// other stages).
//
// closeCosine is the cosine from which an earlier commitment counts as a
// close one, and maxClose caps their count.
const (
	shortWords  = 12
	closeCosine = 0.3
	maxClose    = 5
)

// stageWord is a word of a stage, and the stage (its line of [stages]).
type stageWord struct {
	word  string
	stage int
}

// linkLists are the lists of data/link.txt.
type linkLists struct {
	stop, stockVerbs, measures map[string]bool
	stages                     [][]string           // the words of each stage
	stagesAt                   map[rune][]stageWord // the stage words by their first character, in the order of stages
	stageNouns                 *strings.Replacer    // masks the words in which a stage word names a thing
	establish                  uint64               // the bit of the stage of 建立 (setting up), for sessionOf
	study                      uint64               // the bit of the stage of 研究 (studying it), for studyOf
	synonyms                   map[string][]string
	kindOf                     map[string][]int // the kinds (lines of [kinds]) a thing is of
	citing                     map[string]bool
	documents                  []string
	charStop, places           string
	sites                      siteLists
	states                     map[string]bool // states' names and abbreviations (data/states.tsv)
	marksHash                  string          // of the lists marks are read by (data/link.txt, the stop words, the states), for MarksVersion
	tokenStop                  map[string]bool // the words the tokenizer leaves out (data/stopwords.txt)
	wordsVersion               string          // of the lists Words reads (WordsVersion)
}

// canonical returns the first word of w's synonyms, or w.
func (l *linkLists) canonical(w string) string {
	if s, ok := l.synonyms[w]; ok {
		return s[0]
	}
	return w
}

// synonymIn reports whether s holds a synonym of w.
func (l *linkLists) synonymIn(w, s string) bool {
	for _, x := range l.synonyms[w] {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

var lists = sync.OnceValue(func() *linkLists {
	s := data.Sections(data.LinkWords())
	l := linkLists{stop: map[string]bool{}, stockVerbs: map[string]bool{}, measures: map[string]bool{}, synonyms: map[string][]string{}, kindOf: map[string][]int{},
		citing: map[string]bool{}, documents: s["documents"], stagesAt: map[rune][]stageWord{},
		charStop: strings.Join(s["char-stop"], ""), places: strings.Join(s["places"], ""), states: map[string]bool{}}
	l.sites = newSiteLists(s["sites"])
	var nouns []string
	for _, line := range s["stage-nouns"] {
		for _, w := range strings.Fields(line) {
			nouns = append(nouns, w, "》")
		}
	}
	l.stageNouns = strings.NewReplacer(nouns...)
	for _, line := range s["stages"] {
		if slices.Contains(strings.Fields(line), "建立") {
			l.establish = 1 << len(l.stages)
		}
		if slices.Contains(strings.Fields(line), "研究") {
			l.study = 1 << len(l.stages)
		}
		for _, w := range strings.Fields(line) {
			r, _ := utf8.DecodeRuneInString(w)
			l.stagesAt[r] = append(l.stagesAt[r], stageWord{w, len(l.stages)})
		}
		l.stages = append(l.stages, strings.Fields(line))
	}
	sum := sha256.Sum256([]byte(data.LinkWords() + "\n\n" + data.StopWords() + "\n\n" + data.States()))
	l.marksHash = hex.EncodeToString(sum[:6])
	sum = sha256.Sum256([]byte(data.LinkWords() + "\n\n" + data.States()))
	l.wordsVersion = "words-1:" + hex.EncodeToString(sum[:6])
	for _, w := range s["citing"] {
		l.citing[w] = true
	}
	for k, line := range s["kinds"] {
		for _, w := range strings.Fields(line) {
			l.kindOf[w] = append(l.kindOf[w], k)
		}
	}
	for _, line := range s["synonyms"] {
		group := strings.Fields(line)
		for _, w := range group {
			if _, ok := l.synonyms[w]; !ok { // a word's first group is its own
				l.synonyms[w] = group
			}
		}
	}
	for _, w := range s["stop"] {
		l.stop[w] = true
	}
	l.tokenStop = map[string]bool{}
	for _, w := range data.Lines(data.StopWords()) {
		l.tokenStop[w] = true
	}
	for _, w := range s["stock-verbs"] {
		l.stockVerbs[w] = true
	}
	for _, w := range s["measures"] {
		l.measures[w] = true
	}
	for _, line := range data.Lines(data.States()) {
		fs := strings.Split(line, "\t")
		for _, n := range fs[:min(2, len(fs))] {
			l.stop[n] = true
			l.states[n] = true
		}
		if len(fs) > 1 {
			l.stop[fs[1]+"方"] = true
		}
		if len(fs) > 2 {
			for _, n := range strings.Split(fs[2], ",") {
				l.stop[n] = true
				l.states[n] = true
			}
		}
	}
	return &l
})

// linkWord reports whether a word counts for linking: it has two
// characters or more (年, 月, 日 of a date do not) and is not a stop word.
func linkWord(w string) bool {
	return utf8.RuneCountInString(w) >= 2 && !lists().stop[w] && !IsMark(w)
}

// StopWord reports whether w is left out of linking: a state's name, or a
// word of citing a document.
func StopWord(w string) bool { return lists().stop[w] }

// prepared is what the features need of one commitment, made once.
type prepared struct {
	whole, first, nouns vector
	sentences           []vector
	verbs               []int32 // verbs other than stock ones
	chars               []rune  // sorted, once each, the frame's left out
	runes               []rune  // every character of its words, sorted, once each
	joined              string  // the words run together, to find a word inside another
	keys                []string
	stages              uint64        // which stages of data/link.txt it names
	length              int           // characters of its words
	content             []contentWord // its content words in order (align)
	marks               []string      // its marks (Marks), sorted, once each
	firstStage          int           // the stage of its first stage mark, -1 when none
}

// joinSentences returns the words of all the sentences, in order.
func joinSentences(sentences [][]string) []string {
	var all []string
	for _, s := range sentences {
		all = append(all, s...)
	}
	return all
}

// prepare makes the prepared form of the sentences' words, whose vector
// is whole, ids from the corpus's vocabulary.
func (c *corpus) prepare(sentences [][]string, whole vector) prepared {
	p := prepared{whole: whole}
	all := joinSentences(sentences)
	if len(sentences) > 0 {
		p.first = c.vector(sentences[0], 0)
	}
	for _, s := range sentences {
		if v := c.vector(s, 0); len(v) > 0 {
			p.sentences = append(p.sentences, v)
		}
	}
	p.nouns = c.vector(all, 'n')
	p.content = contentWords(all, func(w string) bool { _, ok := c.model.Words[w]; return ok })
	for _, w := range all {
		if IsMark(w) {
			p.marks = append(p.marks, w)
		}
	}
	p.stages, p.firstStage = stagesOf(p.marks)
	slices.Sort(p.marks)
	p.marks = slices.Compact(p.marks)
	var keys []weighted
	for _, w := range all {
		if !linkWord(w) {
			continue
		}
		x := c.model.word(w)
		switch {
		case x.Class == 'v' && !lists().stockVerbs[w]:
			p.verbs = append(p.verbs, c.id(w))
		case x.Class == 'n':
			keys = append(keys, weighted{c.id(w), x.Weight})
		}
	}
	slices.Sort(p.verbs)
	p.verbs = slices.Compact(p.verbs)
	slices.SortStableFunc(keys, func(a, b weighted) int { return cmp.Compare(b.weight, a.weight) })
	for _, k := range keys {
		if w := c.words[k.word]; !slices.Contains(p.keys, w) && len(p.keys) < 2 {
			p.keys = append(p.keys, w)
		}
	}
	joined := strings.Join(all, "")
	p.joined = joined
	p.length = utf8.RuneCountInString(joined)
	stop := lists().charStop
	for _, r := range joined {
		if r >= 0x4e00 && !strings.ContainsRune(stop, r) {
			p.chars = append(p.chars, r)
		}
	}
	slices.Sort(p.chars)
	p.chars = slices.Compact(p.chars)
	p.runes = []rune(joined)
	slices.Sort(p.runes)
	p.runes = slices.Compact(p.runes)
	return p
}

// vector is the normalised vector of the words that count, each once, by
// the model's weight; of nouns only when class is 'n'.
func (c *corpus) vector(words []string, class byte) vector {
	var v vector
	for _, w := range words {
		if !linkWord(w) {
			continue
		}
		x := c.model.word(w)
		if class != 0 && x.Class != class {
			continue
		}
		v = append(v, weighted{c.id(w), x.Weight})
	}
	slices.SortFunc(v, func(a, b weighted) int { return cmp.Compare(a.word, b.word) })
	v = slices.CompactFunc(v, func(a, b weighted) bool { return a.word == b.word })
	var norm float64
	for _, x := range v {
		norm += x.weight * x.weight
	}
	for k := range v {
		v[k].weight /= math.Sqrt(norm)
	}
	return v
}

// features fills x with the features of a (later) and b (earlier), whose
// cosine is cos; rank is b's place among a's candidates by cosine, best
// the cosine of the first, close how many reach closeCosine.
func (c *corpus) features(x *[nFeatures]float64, i, j int32, cos float64, rank int, best float64, close int) {
	a, b := c.detail(i), c.detail(j)
	bestSentence := 0.0
	for _, s := range b.sentences {
		bestSentence = max(bestSentence, dot(a.first, s))
	}
	verbsShared := 0.5
	if len(a.verbs) > 0 && len(b.verbs) > 0 {
		verbsShared = float64(intersect(a.verbs, b.verbs)) / float64(min(len(a.verbs), len(b.verbs)))
	}
	verbsDiffer := 0.0
	if onlyIn(a.verbs, b.verbs, b.joined, c) && onlyIn(b.verbs, a.verbs, a.joined, c) {
		verbsDiffer = 1
	}
	stagesDiffer := 0.0
	if a.stages != 0 && b.stages != 0 && a.stages&b.stages == 0 {
		stagesDiffer = 1
	}
	firstDiffer := 0.0
	if a.firstStage >= 0 && b.firstStage >= 0 && a.firstStage != b.firstStage {
		firstDiffer = 1
	}
	sameDomain := 0.0
	if c.items[i].Domain == c.items[j].Domain {
		sameDomain = 1
	}
	uA, uB := uncovered(a.whole, b.whole), uncovered(b.whole, a.whole)
	nA, nB := uncovered(a.nouns, b.nouns), uncovered(b.nouns, a.nouns)
	kA, kB := keysCovered(a.keys, b.joined), keysCovered(b.keys, a.joined)
	shared := intersect(a.chars, b.chars)
	charCos, contained := 0.0, 0.0
	if len(a.chars) > 0 && len(b.chars) > 0 {
		charCos = float64(shared) / math.Sqrt(float64(len(a.chars)*len(b.chars)))
		contained = float64(shared) / float64(min(len(a.chars), len(b.chars)))
	}
	al := c.align(a, b)
	short := 0.0
	if max(len(a.content), len(b.content)) <= shortWords {
		short = 1
	}
	*x = [nFeatures]float64{
		cos, bestSentence, dot(a.nouns, b.nouns), verbsShared, sameDomain,
		uA, uB, float64(min(a.length, b.length)) / float64(max(1, a.length, b.length)), charCos, verbsDiffer, stagesDiffer,
		nA, nB, min(kA, kB), max(kA, kB),
		min(uA, uB), max(uA, uB), min(nA, nB), max(nA, nB), contained,
		contained * (1 - max(kA, kB)), contained * (1 - min(kA, kB)), contained * stagesDiffer, contained * verbsDiffer,
		best - cos, float64(min(close, maxClose)) / maxClose, float64(min(rank, 4)) / 4,
		al.frame, b2f(al.nounSwap), b2f(al.actionSwap), b2f(al.kindSwap),
		short * stagesDiffer, short * b2f(al.kindSwap), short * b2f(al.nounSwap), short * b2f(al.actionSwap),
		firstDiffer, b2f(al.cleanSwap), b2f(al.otherObject() || marksDiffer(a.marks, b.marks) || nextMember(a.marks, b.marks) || sessionOf(a, b) || studyOf(a, b) || actorsDiffer(a.marks, b.marks) || sitesDiffer(a.marks, b.marks)),
	}
}

// intersect counts the elements two sorted slices share.
func intersect[T cmp.Ordered](a, b []T) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// onlyIn reports whether a verb of vs is neither among others nor, by most
// of its characters, in the words of the other (开通 in 增开 is the same
// act).
func onlyIn(vs, others []int32, otherWords string, c *corpus) bool {
	for _, v := range vs {
		if _, ok := slices.BinarySearch(others, v); !ok && !mostlyIn(c.words[v], otherWords) {
			return true
		}
	}
	return false
}

// mostlyHas reports whether most characters of w occur in p's words.
func (p *prepared) mostlyHas(w string) bool {
	n, in := 0, 0
	for _, r := range w {
		n++
		if _, ok := slices.BinarySearch(p.runes, r); ok {
			in++
		}
	}
	return in*2 > n
}

// mostlyIn reports whether most characters of w occur in s.
func mostlyIn(w, s string) bool {
	n, in := 0, 0
	for _, r := range w {
		n++
		if strings.ContainsRune(s, r) {
			in++
		}
	}
	return in*2 > n
}

// keysCovered is the share of keys (a commitment's weightiest nouns) the
// other's words hold, whole or by most of their characters; 0.5 when
// there are none.
func keysCovered(keys []string, other string) float64 {
	if len(keys) == 0 {
		return 0.5
	}
	n := 0
	for _, k := range keys {
		if strings.Contains(other, k) || mostlyIn(k, other) {
			n++
		}
	}
	return float64(n) / float64(len(keys))
}

// uncovered is the share of a's weight in words b lacks; 1 when a has none.
func uncovered(a, b vector) float64 {
	var all, out float64
	for i, j := 0, 0; i < len(a); i++ {
		for j < len(b) && b[j].word < a[i].word {
			j++
		}
		all += a[i].weight * a[i].weight
		if j == len(b) || b[j].word != a[i].word {
			out += a[i].weight * a[i].weight
		}
	}
	if all == 0 {
		return 1
	}
	return out / all
}

// sessionOf reports whether one commitment holds a session of a series
// (a meeting's ordinal mark: #第1次, #第2届) of what the other sets up (the
// stage of 建立): 召开工作组第一次会议 against 建立工作组 are two actions,
// whichever is earlier, unless one commitment does both. A short one
// (shortWords) that names a session against another that names none is
// a given meeting against the series or its schedule (每年轮流举行委员会会议):
// one labelled repetition of the fitted pair sets names a session (a
// year's meeting) on one side only; a long commitment names a session
// beside much else (the seeds').
func sessionOf(a, b *prepared) bool {
	sa, sb := a.session(), b.session()
	ea, eb := a.stages&lists().establish != 0, b.stages&lists().establish != 0
	if sa && !ea && eb && !sb || sb && !eb && ea && !sa {
		return true
	}
	return sa != sb && !(ea && eb) && max(len(a.content), len(b.content)) <= shortWords
}

// studyOf reports whether one of two short commitments (shortWords)
// studies what the other does (研究在双边贸易中使用本币结算 against 在双边贸易中扩大
// 使用本币结算, 研究建立 against 尽快建立): two actions (GUIDE §4). A long one
// studies one thing among many (研究解决合作中的问题).
func studyOf(a, b *prepared) bool {
	s := lists().study
	return (a.stages&s != 0) != (b.stages&s != 0) && max(len(a.content), len(b.content)) <= shortWords
}

// session reports whether p names a session of a series: an ordinal mark
// of 次, 届 or 轮, or the year an event is held in (于2025年举行联合演习: that
// year's, against 扩大联合演习合作, the series), unless the event is an
// anniversary's, held once (于2025年举办建交50周年庆祝活动): the year dates it.
func (p *prepared) session() bool {
	once := slices.ContainsFunc(p.marks, func(m string) bool { return unitMark(m) && markUnit(m) == "周年" })
	for _, m := range p.marks {
		if unitMark(m) && strings.HasPrefix(m, ordinalPrefix) && strings.ContainsAny(markUnit(m), "次届轮") {
			return true
		}
		if unitMark(m) && markUnit(m) == "年" && !once {
			return true
		}
	}
	return false
}
