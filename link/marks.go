package link

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A commitment's ordinals and anniversaries say which one of a series it
// is about: 召开工作组第二次会议 is not 召开工作组第一次会议, 庆祝建交75周年 not
// 庆祝建交70周年, 发射第二颗遥感卫星 not the first (GUIDE §4: another object).
// A target is no such number (培训1000名 for 培训500名 repeats), nor a
// year. The tokenizer drops numbers, so Sentences keeps these as marks,
// words of their own (#第2次, #75周年) that no vector weighs and the
// features compare.

// MarksVersion names how Marks finds marks: the words stored with
// another are brought up to date (WithMarks) when a database is opened.
const MarksVersion = "marks-1"

// markPrefix begins a mark; no word the tokenizer gives begins with it.
const markPrefix = "#"

var (
	ordinalMark     = regexp.MustCompile(`第\s*([0-9０-９]+|[〇零一二两三四五六七八九十百千]+)\s*([次届颗所期座批轮号])`)
	anniversaryMark = regexp.MustCompile(`([0-9０-９]+|[〇零一二两三四五六七八九十百千]+)\s*(周年)`)
)

// Marks returns the marks of text, in order.
func Marks(text string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{ordinalMark, anniversaryMark} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			n := number(m[1])
			if n < 0 {
				continue
			}
			prefix := ""
			if re == ordinalMark {
				prefix = "第"
			}
			out = append(out, markPrefix+prefix+strconv.Itoa(n)+m[2])
		}
	}
	return out
}

// IsMark reports whether a stored word is a mark, not a word of the text:
// what a domain is predicted from leaves marks out.
func IsMark(w string) bool { return strings.HasPrefix(w, markPrefix) }

// number reads a number in digits (full-width too) or Chinese numerals
// up to the thousands; -1 when it is neither.
func number(s string) int {
	s = strings.Map(func(r rune) rune {
		if '０' <= r && r <= '９' {
			return '0' + r - '０'
		}
		return r
	}, s)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digit := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, cur := 0, -1
	for _, r := range s {
		if d, ok := digit[r]; ok {
			cur = d
			continue
		}
		u, ok := unit[r]
		if !ok {
			return -1
		}
		if cur < 0 {
			cur = 1 // 十五: one ten
		}
		total += cur * u
		cur = -1
	}
	if cur > 0 {
		total += cur
	}
	return total
}

// marksDiffer reports whether two commitments' marks name other members
// of one series: both hold marks of a unit (次, 周年, …) and share none of
// them.
func marksDiffer(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			continue
		}
		u := markUnit(x)
		shared, other := false, false
		for _, y := range b {
			if markUnit(y) == u {
				other = true
				shared = shared || slices.Contains(a, y)
			}
		}
		if other && !shared {
			return true
		}
	}
	return false
}

// markUnit is what a mark counts: 次 of #第2次, 周年 of #75周年.
func markUnit(m string) string {
	r := []rune(m)
	if strings.HasSuffix(m, "周年") {
		return "周年"
	}
	return string(r[len(r)-1])
}
