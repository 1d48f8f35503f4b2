package label

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"pledge/data"
	"pledge/lexicon"
	"pledge/link"
	"pledge/script"
)

// TermsVersion names the way Terms finds terms, with the word lists it
// reads: when it changes, package track finds the terms of the
// commitments stored before again.
func TermsVersion() string {
	h := sha256.New()
	for _, list := range []string{data.StopWords(), data.Generic(), data.UserDict(), data.LinkWords()} {
		h.Write([]byte(list))
	}
	return "topics-1:" + hex.EncodeToString(h.Sum(nil))[:12]
}

// areaExcluded are words that name no policy area: stop words, and the
// generic words of statements (verbs, qualities, abstract nouns, stock
// phrases).
var areaExcluded = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, list := range []string{data.StopWords(), data.Generic()} {
		for _, w := range data.Lines(list) {
			out[w] = true
		}
	}
	return out
})

// commonWord is the frequency in jieba's dictionary above which a word is
// too common in general Chinese to name a policy area: 先进 (13966), 应用
// (8796) and 业务 (7737) are above it, 人工智能 (151), 氢能 (14), 开源 (70)
// and 供应链 (140) below.
const commonWord = 3000

// phraseFreq is the frequency at or below which an entry of jieba's
// dictionary is most often a phrase entered whole (作出贡献, 国家主权 and
// 充分利用 have 3), tagged as a noun whatever it is: such an entry names
// a topic only if its parts make a noun phrase.
const phraseFreq = 5

// Terms returns the terms of a commitment's text that may name a policy
// area, sorted: the words of the text, cut by the dictionary
// (lexicon.Cut, so that none is a piece of a longer word), that are
// pledge's policy terms (data/userdict.txt), or nouns and noun phrases of
// two characters or more that are neither common words of Chinese nor the
// stock words of statements, nor qualities (-性); and acronyms in capitals
// that do not merely repeat, in brackets, the name before them. Ingest
// stores them with the commitment.
func Terms(text string) []string {
	words := lexicon.Cut(script.Simplify(text))
	set := map[string]bool{}
	for i, w := range words {
		if topic(w) || acronym(words, i) {
			set[w] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Specific is how specific a term is: pledge's policy terms most, then
// the rarer in general Chinese (by jieba's dictionary) the more.
func Specific(term string) float64 {
	if lexicon.UserTerm(term) {
		return math.Inf(1)
	}
	x, ok := lexicon.Lookup(term)
	if !ok {
		return 0
	}
	return -math.Log(float64(x.Freq))
}

// topic reports whether w, a whole word of a text, may name a policy area.
func topic(w string) bool {
	n := utf8.RuneCountInString(w)
	if n < 2 || !hasHan(w) || areaExcluded()[w] || link.StopWord(w) || partyWord(w) {
		return false
	}
	if lexicon.UserTerm(w) {
		return true
	}
	x, ok := lexicon.Lookup(w)
	switch {
	case !ok || x.Freq > commonWord || strings.HasSuffix(w, "性") || strings.HasPrefix(x.Tag, "nr"):
		// Common words, qualities, and names of people (jieba tags pieces
		// of transliterated names so: 巴罗夫, 塔拉 of 塔拉巴罗夫岛).
		return false
	case x.Freq <= phraseFreq || x.Tag == "l" || x.Tag == "i":
		return nounPhrase(w)
	}
	if x.Tag == "ns" && !region(w) {
		return false
	}
	return nounTag(x.Tag)
}

// regionEnds are the last characters of the names of regions, seas and
// other places that can be the object of a policy (北极, 中亚, 南海, 图们江,
// 库克群岛); a place name that ends otherwise is most often a city named
// as a venue (昆明, 蒙特利尔), no topic.
const regionEnds = "洲区海洋湾岛江河湖山极亚东西南北非欧美峡原域地廊"

// region reports whether the place name w names a region.
func region(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(regionEnds, r)
}

// nounPhrase reports whether the parts of w make a noun phrase: its last
// part is a noun that is no generic word, and its first no verb, adverb
// or function word (国家主权, 化学武器; not 作出贡献, 充分利用, 重要途径).
func nounPhrase(w string) bool {
	parts := lexicon.Parts(w)
	if len(parts) < 2 {
		return false
	}
	head := parts[len(parts)-1]
	first, _ := lexicon.Lookup(parts[0])
	last, _ := lexicon.Lookup(head)
	switch first.Tag {
	case "v", "vd", "vi", "d", "ad", "p", "c", "u", "r", "m", "q":
		return false
	}
	// A generic head (重要途径, 有关事宜) makes no topic of the phrase.
	return nounTag(last.Tag) && !areaExcluded()[head]
}

// nounTag reports whether a part of speech of jieba's dictionary is a
// noun's: n and its kinds (nz, ns, nt, nr…), verbal and adjectival nouns.
func nounTag(tag string) bool {
	return strings.HasPrefix(tag, "n") || tag == "vn" || tag == "an"
}

// acronym reports whether words[i] is an acronym in capitals (APEC, 5G)
// that is not in brackets after the name it abbreviates.
func acronym(words []string, i int) bool {
	w := words[i]
	if len(w) < 2 || strings.IndexFunc(w, unicode.IsUpper) < 0 || strings.IndexFunc(w, func(r rune) bool {
		return !unicode.IsUpper(r) && !unicode.IsDigit(r)
	}) >= 0 {
		return false
	}
	bracketed := i > 0 && strings.ContainsAny(words[i-1], "（(") && i+1 < len(words) && strings.ContainsAny(words[i+1], "）)")
	return !bracketed
}

func hasHan(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// partyWord reports whether w names a party (甲方, 中方, 对方): a party
// is never a policy area.
func partyWord(w string) bool {
	return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, "方")
}
