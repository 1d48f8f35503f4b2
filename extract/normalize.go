package extract

import (
	"strings"
	"unicode"
)

// Normalize unifies the surface forms that differ between sources of the same
// text, so that a statement read from a PDF, a web page and a news feed yields
// the same sentences:
//   - sentence punctuation becomes full-width (，。；：？！（）), whichever width
//     the source used; a colon or comma between digits (20:23, 1,000) is kept;
//   - full-width letters, digits and symbols become ASCII (２０２４ → 2024, ／ → /);
//   - spaces are removed, except between two Latin words and before a clock
//     time, because PDF and newspaper text scatters them through words and
//     numbers (2024 年 5 月, 中 华 人 民);
//   - invisible format characters (Unicode category Cf: soft hyphens,
//     zero-width spaces and joiners, direction marks, a byte-order mark in
//     mid-text) are dropped: a copy that has one is still the same text.
func Normalize(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		switch {
		case r == ',' || r == ':':
			if i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]) {
				out = append(out, r)
			} else if r == ',' {
				out = append(out, '，')
			} else {
				out = append(out, '：')
			}
		case r == ';':
			out = append(out, '；')
		case r == '?':
			out = append(out, '？')
		case r == '!':
			out = append(out, '！')
		case r == '(':
			out = append(out, '（')
		case r == ')':
			out = append(out, '）')
		case r == '―' || r == '─' || r == '━':
			// Horizontal bars stand in for the em dash of a list marker.
			out = append(out, '—')
		case r == '•' || r == '・' || r == '‧':
			out = append(out, '·')
		case r >= 0xFF01 && r <= 0xFF5E && !strings.ContainsRune("，；：？！（）", r):
			out = append(out, r-0xFEE0)
		case r == '\u3000' || r == '\u00a0' || unicode.IsSpace(r):
			out = append(out, ' ')
		case unicode.Is(unicode.Cf, r):
		default:
			out = append(out, r)
		}
	}
	return removeSpaces(out)
}

// removeSpaces drops every run of spaces except one between two Latin letters
// ("Belt and Road") and one before a clock time ("2021-06-29 20:23").
func removeSpaces(rs []rune) string {
	var b strings.Builder
	b.Grow(len(rs) * 3)
	for i := 0; i < len(rs); i++ {
		if rs[i] != ' ' {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if i > 0 && j < len(rs) && keepSpace(rs[i-1], rs[j:]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

func keepSpace(before rune, after []rune) bool {
	if isLatin(before) && isLatin(after[0]) {
		return true
	}
	// A clock time after a date: 2021-06-29 20:23.
	return isDigit(before) && len(after) >= 4 && isDigit(after[0]) && isDigit(after[1]) && after[2] == ':' && isDigit(after[3])
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isLatin(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
