package track

import (
	"strings"
	"unicode/utf8"
)

// Fold is text as searching compares it, on both sides: full-width
// letters, digits and punctuation as their ASCII forms (（ as (, Ａ as A,
// ＂ as "), the ideographic space as a space, and curly, corner and
// double-prime quotes as straight ones (“一带一路” as "一带一路"), so that
// what a person types finds what a statement printed. The stored text is
// not changed.
func Fold(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return foldRune(r) != r })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune is r as Fold writes it.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFF01 + '!'
	}
	switch r {
	case '\u3000':
		return ' '
	case '“', '”', '„', '〝', '〞', '〟', '「', '」':
		return '"'
	case '‘', '’', '‚', '『', '』':
		return '\''
	}
	return r
}
