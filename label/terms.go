package label

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/classify"
	"pledge/data"
	"pledge/link"
	"pledge/script"
)

// areaExcluded are words that name no policy area: stop words, the
// generic words of statements, and what linking leaves out (state names).
var areaExcluded = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, list := range []string{data.StopWords(), data.Generic()} {
		for _, w := range data.Lines(list) {
			out[w] = true
		}
	}
	return out
})

// userTerms are the user dictionary's terms, which name areas wherever a
// commitment uses them, by their first character: every commitment is
// searched for all of them, so a text is walked once and only the terms
// that start where it stands are tried.
var userTerms = sync.OnceValue(func() map[rune][]string {
	out := map[rune][]string{}
	for _, t := range data.Lines(data.UserDict()) {
		if r, _ := utf8.DecodeRuneInString(t); !areaExcluded()[t] && !link.StopWord(t) {
			out[r] = append(out[r], t)
		}
	}
	return out
})

// commonWord is the frequency in jieba's dictionary above which a word is
// too common in general Chinese to name a policy area: 先进 (13966), 应用
// (8796) and 业务 (7737) are above it, 人工智能 (151), 氢能 (14), 开源 (70)
// and 供应链 (140) below.
const commonWord = 3000

// Terms returns the terms a commitment uses that could name a policy area,
// sorted: the user dictionary's terms in its text, and its nouns of two
// characters or more (words is what the segmenter cut it into) that are
// not common words. A word jieba's dictionary lacks counts as a noun:
// jieba made it up from characters, as it does for names. Ingest stores
// them with the commitment.
func Terms(words []string, text string) []string {
	set := map[string]bool{}
	excluded := areaExcluded()
	for _, w := range words {
		if utf8.RuneCountInString(w) < 2 || excluded[w] || link.StopWord(w) || partyWord(w) {
			continue
		}
		if x, ok := classify.LookupWord(w); !ok || strings.HasPrefix(x.Tag, "n") && x.Freq <= commonWord {
			set[w] = true
		}
	}
	text = script.Simplify(text)
	terms := userTerms()
	for i, r := range text {
		for _, t := range terms[r] {
			if strings.HasPrefix(text[i:], t) {
				set[t] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// partyWord reports whether w names a party (甲方, 中方, 对方): a party
// is never a policy area.
func partyWord(w string) bool {
	return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, "方")
}
