package link

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A commitment that sets something up names where: 在北京设立丁国文化中心,
// 在丁都设立中国文化中心, 在北港共同建设光伏电站. Two alike but for the site are
// two commitments, one thing set up in two places (GUIDE §4: another
// object), even when the words of both sites are in each (北京 and 丁国 of
// the one, 丁都 and 中国 of the other) or are states' names, which no
// vector weighs. So the site is a mark (#在:北京), and two commitments
// that each name sites and share none are ruled out (sitesDiffer).

// sitePrefix begins the mark of a site.
const sitePrefix = markPrefix + "在:"

// siteLists are data/link.txt [sites].
type siteLists struct {
	re       *regexp.Regexp // 在, the site, a word of how, a verb of setting up
	ends     []string
	relative []string
}

// newSiteLists reads the lines of [sites].
func newSiteLists(lines []string) siteLists {
	var l siteLists
	words := map[string][]string{}
	for _, line := range lines {
		fs := strings.Fields(line)
		words[fs[0]] = fs[1:]
	}
	for _, k := range []string{"verbs", "manner", "ends", "relative"} {
		if len(words[k]) == 0 {
			panic("data/link.txt [sites]: no " + k) // the embedded lists; TestSiteMarks reads them
		}
	}
	l.ends, l.relative = words["ends"], words["relative"]
	quoted := func(ws []string) string {
		var q []string
		for _, w := range ws {
			q = append(q, regexp.QuoteMeta(w))
		}
		return strings.Join(q, "|")
	}
	l.re = regexp.MustCompile(`在(\p{Han}{1,10}?)(?:` + quoted(words["manner"]) + `)*(?:` + quoted(words["verbs"]) + `)`)
	return l
}

// siteMarks returns the marks of the sites text sets things up at, in
// order; words are its words, which say whether a site is a place.
func siteMarks(text string, words []string) []string {
	var out []string
	if !strings.Contains(text, "在") {
		return nil
	}
	for _, m := range lists().sites.re.FindAllStringSubmatch(documentName.ReplaceAllString(text, "》"), -1) {
		if isSite(m[1], words) {
			out = append(out, sitePrefix+m[1])
		}
	}
	return out
}

// isSite reports whether s, what stands between 在 and a verb of setting
// up, names a place: it ends as a place's name does ([places], [sites]
// ends), or holds a word of the commitment that is a state's name or a
// name (nameWord), and ends in no word of another kind than a name or a
// locality (北部). A time or circumstance (在完成勘探后, 在联委会框架下), a
// field (在碳市场建设, 在基础设施建设), a list (北京和上海) or a site named by
// whose it is (在对方国家) is none.
func isSite(s string, words []string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsAny(s, "的和与及") || strings.ContainsRune("上下中内外里后前时间际夕", last) {
		return false
	}
	for _, r := range lists().sites.relative {
		if strings.HasPrefix(s, r) {
			return false
		}
	}
	if strings.ContainsRune(lists().places, last) || lists().states[s] {
		return true
	}
	for _, e := range lists().sites.ends {
		if strings.HasSuffix(s, e) && s != e {
			return true
		}
	}
	// The word it ends in says what it is: a field (碳市场, 基础设施) ends
	// in a common noun.
	end := ""
	for _, w := range words {
		if len(w) > len(end) && utf8.RuneCountInString(w) >= 2 && strings.HasSuffix(s, w) {
			end = w
		}
	}
	if !lists().states[end] && plainWord(end) {
		return false
	}
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 2 && strings.Contains(s, w) && (lists().states[w] || nameWord(w)) {
			return true
		}
	}
	return false
}

// sitesDiffer reports whether two commitments' marks name sites, and none
// of the one's is one of the other's (sameSite, by the name or, for a city's
// abbreviation, the name without 市). A state against a city is two
// sites, as in 在北京设立甲国文化中心 against 在甲国设立中国文化中心, though the
// city may lie in the state (在中国 against 在北京), and a capital named by
// its state is not its name (马来西亚首都 against 吉隆坡: a labelled
// repetition of the pair sets ruled out; counting a capital as any city
// cost the validation sets three false friends).
func sitesDiffer(a, b []string) bool {
	sa, sb := sitesOf(a), sitesOf(b)
	if len(sa) == 0 || len(sb) == 0 {
		return false
	}
	for _, x := range sa {
		for _, y := range sb {
			if sameSite(x, y) || sameSite(trimPlace(x), trimPlace(y)) {
				return false
			}
		}
	}
	return true
}

// sameSite reports whether x and y name one site: one holds most of the
// other's characters (斯 of 斯里兰卡, and so the whole of it), or a synonym of it.
func sameSite(x, y string) bool {
	return mostlyIn(x, y) || mostlyIn(y, x) || lists().synonymIn(x, y) || lists().synonymIn(y, x)
}

// trimPlace returns s without the last character of a place's name (乌 of
// 乌市, an abbreviation of 乌兰巴托).
func trimPlace(s string) string {
	r, size := utf8.DecodeLastRuneInString(s)
	if utf8.RuneCountInString(s) >= 2 && strings.ContainsRune(lists().places, r) {
		return s[:len(s)-size]
	}
	return s
}

// sitesOf returns the sites of marks.
func sitesOf(marks []string) []string {
	var out []string
	for _, m := range marks {
		if s, ok := strings.CutPrefix(m, sitePrefix); ok {
			out = append(out, s)
		}
	}
	return out
}
