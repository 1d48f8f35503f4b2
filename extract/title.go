package extract

import (
	"strings"
	"unicode/utf8"
)

// isTitle reports whether s is a statement's title line: it ends in a
// document kind (联合声明, 联合公报, 宣言, 行动计划, …), has no sentence
// punctuation, and names the parties or its subject (……和……, 关于……, a
// summit). A headline that reports a statement (……发表联合声明) is not one.
func isTitle(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 5 || n > 120 || strings.ContainsAny(s, "，。；！？：") {
		return false
	}
	loc := kindAt(s)
	if loc == nil || loc[0] == 0 {
		return false
	}
	before := s[:loc[0]]
	for _, v := range words().headlineVerbs {
		if strings.HasSuffix(before, v) {
			return false
		}
	}
	parties := len(parsePartyList(before))
	if strings.HasPrefix(s[loc[0]:], "声明") && !strings.HasPrefix(s[loc[0]:], "声明（") {
		// A bare 声明 is a joint statement only when it names two parties.
		return parties >= 2
	}
	return parties >= 2 || strings.Contains(before, "关于") || strings.ContainsAny(before, "和与、—–") ||
		strings.Contains(before, "峰会")
}

// titleText returns a title as the file wrote it, without its edition
// note: （全文）, （摘要）.
func titleText(t text) string { return stripNote(t.o) }

// stripNote returns a title without its edition note, and without the
// number a list of documents may give it (2.中华人民共和国和……).
func stripNote(s string) string {
	if m, f := listMarker(s); f == arabic || f == cnComma {
		s = s[len(m):]
	}
	for _, note := range words().editionNotes {
		s = strings.TrimSuffix(s, "（"+note+"）")
	}
	return s
}

// joinTitleLines joins a title printed over two or three lines
// (中华人民共和国和阿拉伯联合酋长国 / 关于加强全面战略伙伴关系的联合声明)
// into one paragraph.
// wrapped says for each paragraph whether it was hard-wrapped, and comes
// back in step with the paragraphs.
func joinTitleLines(paras []text, wrapped []bool) ([]text, []bool) {
	out := make([]text, 0, len(paras))
	var ws []bool
	for i := 0; i < len(paras); i++ {
		if n := titleLines(paras[i:]); n > 1 {
			out, ws = append(out, join(paras[i:i+n]...)), append(ws, wrapped[i])
			i += n - 1
			continue
		}
		out, ws = append(out, paras[i]), append(ws, wrapped[i])
	}
	return out, ws
}

// titleLines returns how many paragraphs at the start of ps, two or three,
// are the lines of one title, or 0. The first line names the parties, or
// the next opens with 关于 or 在: a line that is a title by itself starts
// no longer one.
func titleLines(ps []text) int {
	if len(ps) < 2 || !titlePiece(ps[0].s) || isTitle(ps[0].s) {
		return 0
	}
	first, second := ps[0].s, ps[1].s
	if len(parsePartyList(first)) < 2 && !strings.HasSuffix(first, "关于") &&
		!strings.HasPrefix(second, "关于") && !strings.HasPrefix(second, "在") {
		return 0
	}
	joined := first
	for n := 2; n <= 3 && n <= len(ps); n++ {
		if !titlePiece(ps[n-1].s) {
			return 0
		}
		joined += ps[n-1].s
		if isTitle(joined) {
			return n
		}
	}
	return 0
}

// titlePiece reports whether s could be one line of a title: short, and
// without sentence punctuation.
func titlePiece(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= 60 && !strings.ContainsAny(s, "，。；！？：")
}

// assignTitles gives each span its title. Newspapers print a title before
// its text, after it, or (seed 002) between two statements, where it could
// belong to either; so each title near a span is scored by how much of its
// wording the body uses, and the best-scoring pairs are taken first. A
// title that names other parties than the span's own words do (keys, from
// its opening or visit paragraph; "" when they name none) is another
// statement's.
func assignTitles(paras []paragraph, spans []span, keys []string) []string {
	type cand struct {
		span, para int
		score      float64
		before     bool
	}
	var cands []cand
	for si, sp := range spans {
		body := paras[sp.body:sp.bodyEnd]
		lo := 0
		if si > 0 {
			lo = spans[si-1].end
		}
		for j := sp.body - 1; j >= lo && j >= sp.start-4; j-- {
			if paras[j].role == RoleTitle {
				if fits(paras[j].s, keys[si]) {
					cands = append(cands, cand{si, j, titleScore(paras[j].s, body), true})
				}
				break
			}
		}
		hi := len(paras)
		if si+1 < len(spans) {
			hi = spans[si+1].body
		}
		for j := sp.end; j < hi && j <= sp.end+1; j++ {
			if paras[j].role == RoleTitle {
				if fits(paras[j].s, keys[si]) {
					cands = append(cands, cand{si, j, titleScore(paras[j].s, body), false})
				}
				break
			}
		}
	}
	titles := make([]string, len(spans))
	used := map[int]bool{}
	// above reports whether span si still has a title above it to take: a
	// title printed after a body is its statement's only when none stands
	// above it (seed 000), or another statement took that one (seed 002).
	aboveAt := make([]int, len(spans)) // the title above each span, or -1
	for i := range aboveAt {
		aboveAt[i] = -1
	}
	for _, c := range cands {
		if c.before {
			aboveAt[c.span] = c.para
		}
	}
	above := func(si int) bool { return aboveAt[si] >= 0 && !used[aboveAt[si]] }
	for {
		best := -1
		for k, c := range cands {
			if titles[c.span] != "" || used[c.para] || !c.before && above(c.span) {
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
		titles[c.span], used[c.para] = titleText(paras[c.para].text), true
	}
}

// fits reports whether a title can be that of a statement whose own words
// name the parties key: it names no parties, or the same.
func fits(title, key string) bool {
	named := partyKey(names(parsePartyList(stripNote(title))))
	return key == "" || named == "" || named == key
}

// titleScore is the share of the character bigrams of the title's subject
// (what it says after the parties and before the document kind, which
// every statement between them shares) that occur in the body.
func titleScore(title string, body []paragraph) float64 {
	var b strings.Builder
	for _, p := range body {
		b.WriteString(p.s)
	}
	text := b.String()
	subject := stripNote(title)
	if _, n := partyPrefix(subject); n > 0 {
		subject = subject[n:]
	}
	if loc := kindAt(subject); loc != nil {
		subject = subject[:loc[0]]
	}
	rs := []rune(subject)
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
