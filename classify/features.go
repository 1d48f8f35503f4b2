package classify

import (
	"strings"
	"unicode"

	"pledge/script"
)

// Tokenizer turns a commitment's text into the tokens the model counts:
// the segmenter's words, without punctuation, numbers and stop words.
type Tokenizer struct {
	seg  Segmenter
	stop map[string]bool
}

// NewTokenizer returns a Tokenizer over seg that leaves out stopWords.
func NewTokenizer(seg Segmenter, stopWords []string) *Tokenizer {
	stop := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		stop[w] = true
	}
	return &Tokenizer{seg, stop}
}

// Tokens returns the tokens of text, in order. Latin words are lowercased,
// and traditional characters simplified (國 → 国): the model and the
// dictionaries know the simplified forms, and a statement copied from a
// Hong Kong or Taiwan site is labelled and linked as the same words.
func (t *Tokenizer) Tokens(text string) []string {
	words := t.seg.Cut(script.Simplify(text))
	out := words[:0] // the segmenter's slice is ours to reuse
	for _, w := range words {
		if !hasLetter(w) {
			continue
		}
		if hasUpper(w) {
			w = strings.ToLower(w)
		}
		if !t.stop[w] {
			out = append(out, w)
		}
	}
	return out
}

func hasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

// hasLetter reports whether w holds a letter or a Chinese character: a
// token of punctuation, digits or symbols alone (。 2024 ——) says nothing
// about a domain.
func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// withBigrams adds each pair of neighbouring tokens as a token of its own.
func withBigrams(tokens []string) []string {
	out := append([]string(nil), tokens...)
	for i := 0; i+1 < len(tokens); i++ {
		out = append(out, tokens[i]+"_"+tokens[i+1])
	}
	return out
}
