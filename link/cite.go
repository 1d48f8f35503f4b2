package link

import (
	"strings"
	"unicode/utf8"
)

// A commitment that acts under a document (根据《中甲边境管理协定》，开展……)
// names it to say where its action comes from, not what the action is
// (GUIDE §4): two commitments citing one agreement for two activities are
// two commitments. So the words of such a citation — the word that cites
// (data/link.txt [citing]), up to the first word that ends as a document
// does ([documents]), and the article numbers after it (第十条) — are left
// out of what the linker weighs. A commitment about the document itself
// (落实《……》, 制定《……》) cites nothing: those verbs do not cite.

// maxCitation is how many words a citation may hold: a cue not followed
// so soon by a document's name cites nothing.
const maxCitation = 12

// uncited returns the words of sentences without their citations, and
// the sentences themselves when they hold none. The citations are found
// in all the words in turn (as Touched sees them), so that a citation is
// the same whether the words come by sentence or all together.
func uncited(sentences [][]string) [][]string {
	drop := citations(joinSentences(sentences))
	if drop == nil {
		return sentences
	}
	out := make([][]string, 0, len(sentences))
	k := 0
	for _, s := range sentences {
		var kept []string
		for _, w := range s {
			if !drop[k] {
				kept = append(kept, w)
			}
			k++
		}
		out = append(out, kept)
	}
	return out
}

// citations marks the words of words that are citations; nil when none is.
func citations(words []string) []bool {
	var drop []bool
	for k := 0; k < len(words); k++ {
		if !lists().citing[words[k]] {
			continue
		}
		end := -1
		for j := k + 1; j < min(len(words), k+1+maxCitation); j++ {
			if namesDocument(words[j]) {
				end = j
				break
			}
		}
		if end < 0 {
			continue
		}
		// The segmenter also gives the longer words a name is part of
		// (运输 协定 航空运输协定): those ending as it does are the name too.
		for end+1 < len(words) && (isArticle(words[end+1]) || strings.HasSuffix(words[end+1], words[end])) {
			end++
		}
		if drop == nil {
			drop = make([]bool, len(words))
		}
		for j := k; j <= end; j++ {
			drop[j] = true
		}
		k = end
	}
	return drop
}

// namesDocument reports whether w ends as the name of a document does.
func namesDocument(w string) bool {
	for _, d := range lists().documents {
		if strings.HasSuffix(w, d) {
			return true
		}
	}
	return false
}

// isArticle reports whether w numbers an article or a paragraph of a
// document (第十条, 第二款, 25条).
func isArticle(w string) bool {
	last, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune("条款段章", last) && numeric(strings.TrimRight(w, "条款段章"))
}
