// Package lexicon is jieba's dictionary in Go: what it says of a word
// (how often it occurs, its part of speech), and a cut of a text into its
// words by the dictionary alone, which needs no cgo. Linking and the new
// policy areas read words through it; segmenting commitments for the
// domain model is package segment's, with jieba itself.
package lexicon

import (
	"bufio"
	"bytes"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/data"
)

// Word is what jieba's dictionary says of a word: how often it occurs in
// general Chinese text, and its part of speech (n noun, v verb, a
// adjective, vn verbal noun, ns place name, …).
type Word struct {
	Freq int
	Tag  string
}

// dictionary is jieba's dictionary with pledge's user terms, read on first
// use: it takes a moment and some memory, which only linking and the new
// policy areas need.
type dictionary struct {
	words map[string]Word
	user  map[string]bool
	// longestAfter is, for the first two characters of its words, the
	// longest word (in bytes) that begins with them: a cut looks for no
	// longer word there, and for none where no word begins so.
	longestAfter map[string]int
	// logTotal is the log of the sum of the frequencies, minLog the log
	// of the smallest: the weight of a character the dictionary lacks.
	logTotal, minLog float64
	maxLen           int // the longest word, in bytes
}

var dict = sync.OnceValue(func() *dictionary {
	d := &dictionary{words: make(map[string]Word, 360_000), user: map[string]bool{}}
	raw, err := data.Unzip(data.JiebaDict())
	if err != nil {
		return d
	}
	total, least := 0, math.MaxInt
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 3 {
			continue
		}
		f, err := strconv.Atoi(fs[1])
		if err != nil || f <= 0 {
			continue
		}
		d.words[fs[0]] = Word{f, fs[2]}
		total += f
		least = min(least, f)
		d.maxLen = max(d.maxLen, len(fs[0]))
	}
	// The user terms weigh as much as the most frequent word, as they do
	// in the segmenter: a policy term is cut whole.
	most := 0
	for _, w := range d.words {
		most = max(most, w.Freq)
	}
	for _, t := range data.Lines(data.UserDict()) {
		d.user[t] = true
		if _, ok := d.words[t]; !ok {
			d.words[t] = Word{most, "nz"}
			total += most
			d.maxLen = max(d.maxLen, len(t))
		}
	}
	d.logTotal, d.minLog = math.Log(float64(total)), math.Log(float64(least))
	d.longestAfter = make(map[string]int, len(d.words)/3)
	for w := range d.words {
		if k := twoRunes(w); k > 0 {
			d.longestAfter[w[:k]] = max(d.longestAfter[w[:k]], len(w))
		}
	}
	return d
})

// twoRunes returns the length in bytes of the first two characters of s, 0
// when it has fewer.
func twoRunes(s string) int {
	_, a := utf8.DecodeRuneInString(s)
	if a == len(s) {
		return 0
	}
	_, b := utf8.DecodeRuneInString(s[a:])
	return a + b
}

// Load reads the dictionary now, if it is not read yet, rather than on
// first use: a server reads it before the first request that needs it.
func Load() { dict() }

// Lookup returns jieba's dictionary entry for w, and false for a word the
// dictionary lacks (one the segmenter's HMM made up). A user term the
// dictionary lacks is a noun of the highest frequency.
func Lookup(w string) (Word, bool) {
	x, ok := dict().words[w]
	return x, ok
}

// UserTerm reports whether w is one of pledge's user terms
// (data/userdict.txt): the policy vocabulary of joint statements.
func UserTerm(w string) bool { return dict().user[w] }
