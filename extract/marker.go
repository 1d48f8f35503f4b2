package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// family is a kind of list or section marker (GUIDE §1 and §2).
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

var familyNames = [...]string{"", "——", "（一）", "（1）", "1.", "①", "一是", "第一条", "一、"}

func (f family) String() string { return familyNames[f] }

var (
	cnParenRe     = regexp.MustCompile(`^（[一二三四五六七八九十]{1,3}）`)
	arabicParenRe = regexp.MustCompile(`^（\d{1,2}）`)
	arabicRe      = regexp.MustCompile(`^\d{1,2}(?:\.|、|）)`)
	ordinalRe     = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}是`)
	articleRe     = regexp.MustCompile(`^第[一二三四五六七八九十百零〇]{1,4}条[、：]?`)
	cnCommaRe     = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、`)
)

// listMarker returns the marker that opens s and its family, or "" and
// noMarker.
func listMarker(s string) (string, family) {
	switch {
	case strings.HasPrefix(s, "——"):
		return "——", dash
	case strings.HasPrefix(s, "（"):
		if m := cnParenRe.FindString(s); m != "" {
			return m, cnParen
		}
		if m := arabicParenRe.FindString(s); m != "" {
			return m, arabicParen
		}
	case isDigit(firstRune(s)):
		// 1.5万亿 and 2024年 start with digits and are no markers.
		if m := arabicRe.FindString(s); m != "" && !isDigit(firstRune(s[len(m):])) {
			return m, arabic
		}
	case firstRune(s) >= '①' && firstRune(s) <= '⑳':
		return string(firstRune(s)), circled
	case strings.HasPrefix(s, "第"):
		if m := articleRe.FindString(s); m != "" {
			return m, article
		}
	default:
		if m := cnCommaRe.FindString(s); m != "" {
			return m, cnComma
		}
		if m := ordinalRe.FindString(s); m != "" && !strings.ContainsRune("，。；：", firstRune(s[len(m):])) {
			return m, ordinal
		}
	}
	return "", noMarker
}

// numbered reports whether items of the family may run over several
// paragraphs until the next number, as （十六） and 第五条 do. A dash or
// 一是 item is one paragraph.
func (f family) numbered() bool {
	return f == cnParen || f == arabicParen || f == arabic || f == circled || f == article
}

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
