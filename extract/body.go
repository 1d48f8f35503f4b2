package extract

import (
	"regexp"
	"unicode/utf8"
)

// body locates a statement in the paragraphs of a document: paras[start:end]
// is the body, from the visit paragraph or the opening to the closing, and
// paras[end:closed] the closing itself (signatures, date line, dateline).
type body struct {
	start, open, end, closed int
}

var (
	// openingRe is the sentence that opens a statement's body.
	openingRe = regexp.MustCompile(`声明如下|以下(?:简)?称“?双方”?`)
	// visitRe opens the paragraph about the visit that precedes an opening.
	visitRe = regexp.MustCompile(`^应.{0,60}?邀请`)
	// feedStampRe is a news feed's timestamp line: 即时|2021-06-29 20:23.
	feedStampRe = regexp.MustCompile(`^.{0,8}\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}`)
	// signatureRe is a line of signatures: office, then name.
	signatureRe = regexp.MustCompile(`^(?:\p{Han}{2,16}?(?:主席|总统|总理|首相|国王|部长|外长)[\p{Han}·]{2,12})+$`)
)

func isOpening(p string) bool   { return openingRe.MatchString(p) }
func isVisit(p string) bool     { return visitRe.MatchString(p) }
func isFeedStamp(p string) bool { return utf8.RuneCountInString(p) <= 40 && feedStampRe.MatchString(p) }
func isSignature(p string) bool { return utf8.RuneCountInString(p) <= 60 && signatureRe.MatchString(p) }

// isClosing reports whether p closes a body: a date line, a dateline or
// signatures.
func isClosing(p string) bool { return isDateLine(p) || isDateline(p) || isSignature(p) }

// findBodies finds each statement body. A body starts at its opening (or the
// visit paragraph just before it) and ends at its closing; where the closing
// is missing (a page cut at 下转第三版), it ends where the next statement or
// title starts, or at the next item of a news feed.
func findBodies(paras []string) []body {
	var out []body
	prevEnd := 0
	for i := 0; i < len(paras); i++ {
		if !isOpening(paras[i]) {
			continue
		}
		b := body{start: i, open: i}
		for j := i - 1; j >= prevEnd && j >= i-3; j-- {
			if isVisit(paras[j]) {
				b.start = j
				break
			}
		}
		e := i + 1
		for e < len(paras) && !isClosing(paras[e]) && !startsOther(paras, e) {
			e++
		}
		c := e
		for c < len(paras) && isClosing(paras[c]) {
			c++
		}
		b.end, b.closed = e, c
		out = append(out, b)
		prevEnd = c
		i = c - 1
	}
	return out
}

// startsOther reports whether paras[i] begins something that cannot be part
// of the current body: a title, another opening or its visit paragraph, or a
// news feed's next item.
func startsOther(paras []string, i int) bool {
	p := paras[i]
	if isTitle(p) || isOpening(p) || isFeedStamp(p) {
		return true
	}
	if isVisit(p) {
		for j := i + 1; j < len(paras) && j <= i+3; j++ {
			if isOpening(paras[j]) {
				return true
			}
		}
	}
	return false
}
