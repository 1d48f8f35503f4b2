package track

import (
	"strings"

	"pledge/link"
)

// sentenceBreak separates the sentences of a commitment in its stored
// words, the column commitments.tokens (a word never holds it: the
// tokenizer drops words without letters).
const sentenceBreak = "|"

// joinSentences stores the words of sentences, with a break between: what
// splitSentences reads.
func joinSentences(sentences [][]string) string {
	parts := make([]string, len(sentences))
	for i, s := range sentences {
		parts[i] = strings.Join(s, " ")
	}
	return strings.Join(parts, " "+sentenceBreak+" ")
}

// splitSentences turns stored words back into sentences, as the linker
// compares them.
func splitSentences(tokens string) [][]string {
	var out [][]string
	for _, s := range strings.Split(tokens, sentenceBreak) {
		if ws := strings.Fields(s); len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

// storedWords returns the words of stored words, every sentence's in
// turn, without the linker's marks (link.Marks): what a model labels.
func storedWords(tokens string) []string {
	var words []string
	for _, s := range splitSentences(tokens) {
		for _, w := range s {
			if !link.IsMark(w) {
				words = append(words, w)
			}
		}
	}
	return words
}
