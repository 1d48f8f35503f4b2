package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// family is a kind of list or section marker (GUIDE §1 and §2). What each
// one is, is its row of markerFamilies.
type family int

const (
	noMarker    family = iota
	dash               // ——
	cnParen            // （一）
	arabicParen        // （1）
	arabic             // 1.  1、  1）
	circled            // ①
	ordinal            // 一是
	article            // 第一条
	cnComma            // 一、 numbers sections and the paragraphs of communiqués
)

const cnDigits = `[一二三四五六七八九十]{1,3}`

// markerFamily is everything the reader knows of one family of markers:
// the one table that listMarker, runTogetherRe and inlineList read.
type markerFamily struct {
	name string // as --explain shows it
	// pattern matches the marker at the start of a paragraph.
	pattern string
	// refuse reports whether what follows a match shows it is no marker
	// (1.5万亿 is a number, 一是， a sentence); nil refuses nothing.
	refuse func(rest string) bool
	// numbered: an item may run over several paragraphs until the next
	// number, as （十六） and 第五条 do; a dash or 一是 item is one paragraph.
	numbered bool
	// runsTogether: the marker may start a paragraph right after a
	// sentence's end in a line whose paragraph breaks were lost.
	runsTogether bool
	// inline writes the k-th marker (from 1) of a list written inside one
	// paragraph (……：一是……；二是……), or is nil for a family never so written.
	inline func(k int) string
}

// markerFamilies are the families in the order they are tried.
var markerFamilies = [...]markerFamily{
	noMarker:    {},
	dash:        {name: "——", pattern: `——`, runsTogether: true},
	cnParen:     {name: "（一）", pattern: `（` + cnDigits + `）`, numbered: true, runsTogether: true, inline: func(k int) string { return "（" + cnNumeral(k) + "）" }},
	arabicParen: {name: "（1）", pattern: `（\d{1,2}）`, numbered: true},
	arabic:      {name: "1.", pattern: `\d{1,2}(?:\.|、|）)`, numbered: true, refuse: func(rest string) bool { return isDigit(firstRune(rest)) }},
	circled:     {name: "①", pattern: `[①-⑳]`, numbered: true},
	ordinal:     {name: "一是", pattern: cnDigits + `是`, inline: func(k int) string { return cnNumeral(k) + "是" }, refuse: func(rest string) bool { return strings.ContainsRune("，。；：", firstRune(rest)) }},
	article:     {name: "第一条", pattern: `第[一二三四五六七八九十百零〇]{1,4}条[、：]?`, numbered: true, runsTogether: true},
	cnComma:     {name: "一、", pattern: cnDigits + `、`, runsTogether: true},
}

// markerRes are the families' patterns, anchored at the start.
var markerRes = func() (out [len(markerFamilies)]*regexp.Regexp) {
	for f, m := range markerFamilies {
		if m.pattern != "" {
			out[f] = regexp.MustCompile(`^(?:` + m.pattern + `)`)
		}
	}
	return out
}()

func (f family) String() string { return markerFamilies[f].name }

// numbered reports whether items of the family may run over several
// paragraphs until the next number.
func (f family) numbered() bool { return markerFamilies[f].numbered }

// listMarker returns the marker that opens s and its family, or "" and
// noMarker.
func listMarker(s string) (string, family) {
	if s == "" || isHan(firstRune(s)) && !strings.ContainsRune("一二三四五六七八九十第", firstRune(s)) {
		return "", noMarker // most paragraphs: a quick test before the patterns
	}
	for f := dash; f < family(len(markerFamilies)); f++ {
		if m := markerRes[f].FindString(s); m != "" {
			if refuse := markerFamilies[f].refuse; refuse == nil || !refuse(s[len(m):]) {
				return m, f
			}
		}
	}
	return "", noMarker
}

// runTogetherRe finds where a paragraph starts inside a line whose
// paragraph breaks were lost (a page saved as one line, without the spaces
// that usually mark them): a marker of a family that runsTogether right
// after a sentence's end.
var runTogetherRe = func() *regexp.Regexp {
	var alts []string
	for _, m := range markerFamilies {
		if m.runsTogether {
			alts = append(alts, m.pattern)
		}
	}
	return regexp.MustCompile(`[。！？](?:` + strings.Join(alts, "|") + `)`)
}()

// headingText reports whether p is a heading: a bare section numeral, a
// short line without punctuation (政治合作), or a numbered one
// (一、政治领域, （一）政治合作, 第一章 总则). A dash or 一是 line is an item
// however short.
func headingText(p string) bool {
	m, f := listMarker(p)
	if f == dash || f == ordinal {
		return false
	}
	if isSectionNumeral(p) || isHeading(p) {
		return true
	}
	if f == noMarker {
		return false
	}
	rest := p[len(m):]
	return rest != "" && utf8.RuneCountInString(rest) <= 20 && !strings.ContainsAny(rest, "，。；：！？、")
}

// sectionNumber returns the numeral of a 一、 paragraph (一 of 一、应……邀请),
// or "".
func sectionNumber(p string) string {
	if m, f := listMarker(p); f == cnComma {
		return strings.TrimSuffix(m, "、")
	}
	return ""
}
