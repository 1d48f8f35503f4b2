package lexicon

import (
	"math"
	"unicode/utf8"
)

// Cut cuts text into words as jieba's dictionary alone cuts it: of every
// way to cut it into dictionary words and single characters, the one of
// the highest probability, a word's being its frequency over the total
// (jieba's maximum-probability cut, without the HMM that guesses words
// the dictionary lacks). A run of ASCII letters and digits is one word.
// Every word it gives is whole in the text, so a term found among them is
// never a piece of a longer word.
func Cut(text string) []string { return cut(text, dict().maxLen) }

// Parts cuts a word of the dictionary into the words it is made of: Cut,
// with words shorter than it. 国家主权 is 国家 主权, 作出贡献 作出 贡献.
func Parts(w string) []string { return cut(w, len(w)-1) }

// cut is Cut with words of at most longest bytes.
func cut(text string, longest int) []string {
	d := dict()
	starts := make([]int, 0, len(text)/3+1) // each rune's start, in bytes
	for i := range text {
		starts = append(starts, i)
	}
	n := len(starts)
	starts = append(starts, len(text))
	best := make([]float64, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		if ascii(text[starts[i]]) {
			// The run goes on to where the next rune's run ends.
			if i+1 < n && ascii(text[starts[i+1]]) {
				best[i], next[i] = best[next[i+1]], next[i+1]
			} else {
				best[i], next[i] = d.minLog-d.logTotal+best[i+1], i+1
			}
			continue
		}
		// A single character, known or not, is always a way on.
		w := d.minLog
		if x, ok := d.words[text[starts[i]:starts[i+1]]]; ok {
			w = math.Log(float64(x.Freq))
		}
		best[i], next[i] = w-d.logTotal+best[i+1], i+1
		if i+2 > n {
			continue
		}
		limit := min(longest, d.longestAfter[text[starts[i]:starts[i+2]]])
		for j := i + 2; j <= n && starts[j]-starts[i] <= limit; j++ {
			if x, ok := d.words[text[starts[i]:starts[j]]]; ok {
				if s := math.Log(float64(x.Freq)) - d.logTotal + best[j]; s > best[i] {
					best[i], next[i] = s, j
				}
			}
		}
	}
	var out []string
	for i := 0; i < n; i = next[i] {
		out = append(out, text[starts[i]:starts[next[i]]])
	}
	return out
}

// ascii reports whether b is an ASCII letter or digit: a run of them is
// one word.
func ascii(b byte) bool {
	return b < utf8.RuneSelf && ('a' <= b|0x20 && b|0x20 <= 'z' || '0' <= b && b <= '9')
}
