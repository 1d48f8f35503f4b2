package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date. Statements are dated to the day, with no time or
// zone, so a plain triple is clearer than time.Time.
type Date struct {
	Year, Month, Day int
}

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d is unknown.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// valid reports whether d names a real day of the Gregorian calendar.
func (d Date) valid() bool { return d.problem() == "" }

// MinYear is the earliest year of a statement pledge takes: the year the
// People's Republic was founded. A later year than next year is taken for
// a mistake too (see MaxYear).
const MinYear = 1949

// MaxYear is the latest year of a statement pledge takes: next year, for a
// statement dated ahead.
func MaxYear() int { return time.Now().Year() + 1 }

// problem says why d is no date pledge takes, or "" when it is one.
func (d Date) problem() string {
	switch {
	case d.Month < 1 || d.Month > 12 || d.Day < 1 ||
		time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Day() != d.Day:
		return "no such day"
	case d.Year < MinYear || d.Year > MaxYear():
		return fmt.Sprintf("its year is outside %d–%d", MinYear, MaxYear())
	}
	return ""
}

const (
	cnYear  = `[〇○零0一二三四五六七八九]{4}`
	cnSmall = `[一二三四五六七八九十]{1,3}`
	// dateCore is a date with year, month and day.
	dateCore = `(?:` + cnYear + `|\d{4})年(?:` + cnSmall + `|\d{1,2})月(?:` + cnSmall + `|\d{1,2})日`
)

var (
	// fullDate matches a date with year, month and day, in Chinese numerals
	// (二〇二一年六月二十八日), Arabic digits (2024年5月16日) or ISO form.
	fullDate = regexp.MustCompile(`(` + cnYear + `|\d{4})年(` + cnSmall + `|\d{1,2})月(` + cnSmall + `|\d{1,2})日|(\d{4})-(\d{1,2})-(\d{1,2})`)
	// dateLine is a line that holds a date and at most where:
	// 二〇二四年五月十六日于北京, 2024年5月30日, 北京，2024年5月30日,
	// （2024年5月30日，北京）.
	dateLine = regexp.MustCompile(`^（?(?:\p{Han}{1,8}[，、])?` + dateCore +
		`(?:[，、]?(?:于|在)\p{Han}{1,8}|[，、]\p{Han}{1,8}|\p{Han}{1,4})?(?:签署|发表)?）?。?$`)
	// datelineRe is a news agency dateline, which gives month and day only:
	// （新华社莫斯科6月5日电）.
	datelineRe = regexp.MustCompile(`^（?据?(?:新华社|中新社|人民网|央视网|中国新闻网|塔斯社|俄新社)?\p{Han}{0,8}?(` + cnSmall + `|\d{1,2})月(` + cnSmall + `|\d{1,2})日电）?$`)
	// datelinePrefixRe is a dateline that opens a news report: 新华社北京6月28日电 国家主席……
	datelinePrefixRe = regexp.MustCompile(`^（?据?(?:新华社|中新社|人民网|央视网|中国新闻网|塔斯社|俄新社)\p{Han}{0,8}?(` + cnSmall + `|\d{1,2})月(` + cnSmall + `|\d{1,2})日电`)
)

// ParseDate finds the first full date in s: 二〇二一年六月二十八日,
// 2024 年 5 月 16 日 or 2024-05-16. It reports false when s holds none.
func ParseDate(s string) (Date, bool) {
	for _, d := range dates(Normalize(s)) {
		if d.valid() {
			return d.Date, true
		}
	}
	return Date{}, false
}

// written is a date as a text writes it, valid or not.
type written struct {
	Date
	text string
}

// dates returns the full dates normalised text s writes, valid or not: a
// run of digits longer than a year's (99999年) is no year.
func dates(s string) []written {
	var out []written
	for _, m := range fullDate.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > 0 {
			if r := lastRune(s[:m[0]]); isDigit(r) || strings.ContainsRune("〇○零一二三四五六七八九", r) {
				continue
			}
		}
		sub := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}
		var d Date
		if sub(1) != "" {
			d = Date{cnNumber(sub(1), true), cnNumber(sub(2), false), cnNumber(sub(3), false)}
		} else {
			d = Date{atoi(sub(4)), atoi(sub(5)), atoi(sub(6))}
		}
		out = append(out, written{d, s[m[0]:m[1]]})
	}
	return out
}

// parseDateline returns the month and day of a news agency dateline such as
// （新华社莫斯科6月5日电）. The year is not in it.
func parseDateline(s string) (month, day int, ok bool) {
	if len(s) > 120 || !strings.Contains(s, "电") {
		return 0, 0, false
	}
	m := datelineRe.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	month, day = cnNumber(m[1], false), cnNumber(m[2], false)
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return 0, 0, false
	}
	return month, day, true
}

func isDateLine(s string) bool {
	return len(s) <= 120 && strings.Contains(s, "日") && dateLine.MatchString(s)
}

func isDateline(s string) bool {
	_, _, ok := parseDateline(s)
	return ok
}

// cnNumber reads a number written in Arabic digits or Chinese numerals. A year
// is read digit by digit (二〇二一); a month or day by place value (二十八).
func cnNumber(s string, digitwise bool) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	const digits = "〇一二三四五六七八九"
	val := func(r rune) int {
		switch r {
		case '〇', '○', '零', '0':
			return 0
		}
		return strings.IndexRune(digits, r) / len("一")
	}
	n := 0
	if digitwise {
		for _, r := range s {
			n = n*10 + val(r)
		}
		return n
	}
	rs := []rune(s)
	if i := strings.IndexRune(s, '十'); i >= 0 {
		tens, ones := 1, 0
		pos := len([]rune(s[:i]))
		if pos > 0 {
			tens = val(rs[0])
		}
		if pos+1 < len(rs) {
			ones = val(rs[pos+1])
		}
		return tens*10 + ones
	}
	for _, r := range rs {
		n = n*10 + val(r)
	}
	return n
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// dateIndex holds the dates of a document, read once, so that the year
// of every dateline in a file of many statements is found in constant time.
type dateIndex struct {
	// byDay lists, for each month and day, the paragraphs whose full dates
	// fall on it, and the years of those dates, in paragraph order.
	byDay map[[2]int][][2]int
	// anchor[i] is the date of the nearest paragraph before i that dates
	// the document itself: a feed's timestamp, a date line or a visit
	// paragraph.
	anchor []Date
	// mostYear is the year the document mentions most often.
	mostYear int
}

var yearRe = regexp.MustCompile(`(\d{4})年`)

func indexDates(paras []paragraph) *dateIndex {
	x := &dateIndex{byDay: map[[2]int][][2]int{}, anchor: make([]Date, len(paras))}
	counts := map[int]int{}
	var last Date
	for i, p := range paras {
		x.anchor[i] = last
		year := strings.Contains(p.s, "年")
		if year || strings.Contains(p.s, "-") {
			for _, m := range fullDate.FindAllString(p.s, -1) {
				if d, ok := ParseDate(m); ok {
					k := [2]int{d.Month, d.Day}
					x.byDay[k] = append(x.byDay[k], [2]int{i, d.Year})
				}
			}
		}
		if year {
			for _, m := range yearRe.FindAllStringSubmatch(p.s, -1) {
				counts[atoi(m[1])]++
			}
		}
		if p.role == RoleFeedStamp || p.role == RoleDateLine || p.role == RoleVisit {
			if d, ok := ParseDate(p.s); ok {
				last = d
			}
		}
	}
	for y, n := range counts {
		if y >= 1900 && y <= 2100 && (n > counts[x.mostYear] || n == counts[x.mostYear] && y > x.mostYear) {
			x.mostYear = y
		}
	}
	return x
}

// datelineDate completes the month and day of the dateline at paragraph at
// with a year from the document. Without one (or for 2月29日 in a year
// that has none) the date is unknown, not guessed.
func (x *dateIndex) datelineDate(at, month, day int) Date {
	d := Date{x.inferYear(at, month, day), month, day}
	if !d.valid() {
		return Date{}
	}
	return d
}

// inferYear supplies the year a dateline at paragraph at leaves out. In
// order of trust:
//   - a full date elsewhere in the document with the same month and day
//     (the visit paragraph of seed 002), the nearest winning;
//   - the nearest date of the document itself before the dateline: a news
//     feed's timestamp, a date line or a visit paragraph, taking the year
//     that puts the dateline closest to it (a feed item of 2 January may
//     carry a dateline of 30 December);
//   - the year the document mentions most often.
func (x *dateIndex) inferYear(at, month, day int) int {
	if same := x.byDay[[2]int{month, day}]; len(same) > 0 {
		// The nearest: the first at or after the dateline, or the one before.
		k, _ := slices.BinarySearchFunc(same, at, func(e [2]int, t int) int { return e[0] - t })
		best := -1
		for _, j := range []int{k - 1, k} {
			if j >= 0 && j < len(same) && (best < 0 || abs(same[j][0]-at) < abs(same[best][0]-at)) {
				best = j
			}
		}
		return same[best][1]
	}
	if at < len(x.anchor) && !x.anchor[at].IsZero() {
		return closestYear(x.anchor[at], month, day)
	}
	return x.mostYear
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// closestYear returns the year, within one of ref's, that puts month-day
// nearest to ref.
func closestYear(ref Date, month, day int) int {
	r := time.Date(ref.Year, time.Month(ref.Month), ref.Day, 0, 0, 0, 0, time.UTC)
	best, bestGap := ref.Year, time.Duration(-1)
	for y := ref.Year - 1; y <= ref.Year+1; y++ {
		gap := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC).Sub(r).Abs()
		if bestGap < 0 || gap < bestGap {
			best, bestGap = y, gap
		}
	}
	return best
}
