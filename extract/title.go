package extract

import (
	"regexp"
	"strings"
)

var titleRe = regexp.MustCompile(`^[^，。；！？]{4,120}(?:联合声明|宣言|公报)(?:（(?:全文|摘要)）)?$`)

// isTitle reports whether s is a statement's title line. A title has no
// sentence punctuation and names the parties or its subject.
func isTitle(s string) bool {
	return titleRe.MatchString(s) && (strings.Contains(s, "关于") || strings.Contains(s, "和") || strings.Contains(s, "与"))
}

// titleText strips the edition note from a title.
func titleText(s string) string {
	s = strings.TrimSuffix(s, "（全文）")
	return strings.TrimSuffix(s, "（摘要）")
}

// assignTitles gives each body its title. Newspapers print a title before
// its text, after it, or (seed 002) between two statements, where it could
// belong to either; so each title near a body is scored by how much of its
// wording the body uses, and the best-scoring pairs are taken first.
func assignTitles(paras []string, bodies []body) []string {
	type cand struct {
		body, para int
		score      float64
		before     bool
	}
	var cands []cand
	for bi, b := range bodies {
		lo := 0
		if bi > 0 {
			lo = bodies[bi-1].closed
		}
		for j := b.start - 1; j >= lo && j >= b.start-4; j-- {
			if isTitle(paras[j]) {
				cands = append(cands, cand{bi, j, titleScore(paras[j], paras[b.open:b.end]), true})
				break
			}
		}
		hi := len(paras)
		if bi+1 < len(bodies) {
			hi = bodies[bi+1].start
		}
		for j := b.closed; j < hi && j <= b.closed+1; j++ {
			if isTitle(paras[j]) {
				cands = append(cands, cand{bi, j, titleScore(paras[j], paras[b.open:b.end]), false})
				break
			}
		}
	}
	titles := make([]string, len(bodies))
	used := map[int]bool{}
	for {
		best := -1
		for k, c := range cands {
			if titles[c.body] != "" || used[c.para] {
				continue
			}
			if best < 0 || c.score > cands[best].score || c.score == cands[best].score && c.before && !cands[best].before {
				best = k
			}
		}
		if best < 0 {
			return titles
		}
		c := cands[best]
		titles[c.body], used[c.para] = titleText(paras[c.para]), true
	}
}

// titleScore is the share of the title's character bigrams that occur in
// the body.
func titleScore(title string, body []string) float64 {
	text := strings.Join(body, "")
	rs := []rune(titleText(title))
	n, hit := 0, 0
	for i := 0; i+1 < len(rs); i++ {
		n++
		if strings.Contains(text, string(rs[i:i+2])) {
			hit++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(hit) / float64(n)
}
