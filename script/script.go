// Package script writes Chinese text in simplified characters, so that a
// copy of a statement from a Hong Kong or Taiwan site is read, labelled and
// linked as its simplified original is.
package script

import (
	"strings"
	"sync"
	"unicode/utf8"

	"pledge/data"
)

// simplified maps traditional characters to their simplified forms, from
// OpenCC's table (data/opencc). Only pairs whose UTF-8 encodings have the
// same length are kept, so that a simplified text has the byte layout of
// its original: an offset into one is the same offset into the other. The
// pairs left out are rare characters outside the Basic Multilingual Plane.
var simplified = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for _, l := range data.Lines(data.TraditionalChars()) {
		from, to, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		to, _, _ = strings.Cut(to, " ") // the first of several forms
		f, fn := utf8.DecodeRuneInString(from)
		t, tn := utf8.DecodeRuneInString(to)
		if fn == len(from) && tn == len(to) && fn == tn && f != t {
			m[f] = t
		}
	}
	return m
})

// Simplify writes the traditional characters of s in their simplified
// forms (國 → 国, 將 → 将), character by character. Text already in
// simplified characters comes back as it was, and the result has the
// byte length and layout of s. pledge matches its cues on this form and
// labels and links commitments by it; it stores the text as written.
func Simplify(s string) string {
	m := simplified()
	i := strings.IndexFunc(s, func(r rune) bool { _, ok := m[r]; return ok })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if t, ok := m[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}
