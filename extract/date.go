package extract

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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
	case d.Month < 1 || d.Month > 12:
		return fmt.Sprintf("a year has 12 months, not %d", d.Month)
	case d.Day < 1:
		return "no day 0 of a month"
	case time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Day() != d.Day:
		days := time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return fmt.Sprintf("%s %d has %d days, not %d", time.Month(d.Month), d.Year, days, d.Day)
	case d.Year < MinYear || d.Year > MaxYear():
		return fmt.Sprintf("its year is outside %d–%d", MinYear, MaxYear())
	}
	return ""
}

// yearDigits are the characters a year in Chinese numerals is written
// with: 〇, its look-alikes ○, 零, the Latin letter O and the digit 0 for
// zero (二O二三年), and 一 to 九.
const yearDigits = "〇○零O0一二三四五六七八九"

const (
	cnYear  = `[` + yearDigits + `]{4}`
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
	// pageNumberRe is a newspaper page's number at the start of a line,
	// bylineRe a reporter's name after a dateline.
	pageNumberRe = regexp.MustCompile(`^第\d{1,2}版\s*`)
	bylineRe     = regexp.MustCompile(`（(?:记者|特派记者|本报记者)[^（）]{1,20}）$`)
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
			if r := lastRune(s[:m[0]]); isDigit(r) || strings.ContainsRune(yearDigits, r) {
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
		// A newspaper prints the page's number before the dateline and the
		// reporter after it: 第3版 本报北京6月13日电（记者林海涛）.
		t := strings.TrimSpace(pageNumberRe.ReplaceAllString(bylineRe.ReplaceAllString(s, ""), ""))
		if m = datelineRe.FindStringSubmatch(t); t == s || m == nil {
			return 0, 0, false
		}
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
		case '〇', '○', '零', 'O', '0':
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
// of every dateline in a file of many statements is found in time that
// grows with the statement, not the file.
type dateIndex struct {
	// byDay lists, for each month and day, the paragraphs whose full dates
	// fall on it, and the years of those dates, in paragraph order.
	byDay map[[2]int][][2]int
	// anchors are the paragraphs that date the document itself, in order:
	// a feed's timestamp, a date line, a visit paragraph or a report's lead
	// that tells of a visit.
	anchors []anchor
	// years[i] are the years paragraph i mentions (2024年).
	years [][]int
	// leads are the paragraphs that open with a news agency's dateline
	// and go on, in order: each opens a report of its own.
	leads []int
	// hint is the date the caller knows the document by (its file name,
	// --date), or zero.
	hint DateHint
}

// anchor is a paragraph that dates the document itself.
type anchor struct {
	para int
	date Date
}

// DateHint is a date a caller knows a document by, beside its text: the
// date its file's name starts with, or one the analyst gives. It dates a
// statement whose text gives no year: a dateline without one
// (新华社北京3月5日电) takes the hint's year, and a statement with no date
// at all takes the hint.
type DateHint struct {
	Date Date
	From string // where it came from, for the user: "the file name", "--date"
}

// nameDateRe is a date at the start of a file's name: 2019-03-05_…,
// 20190305-….
var nameDateRe = regexp.MustCompile(`^(\d{4})-?(\d{2})-?(\d{2})(?:[^0-9]|$)`)

// isoDateRe is a date written YYYY-MM-DD.
var isoDateRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// ParseISODate reads a date written YYYY-MM-DD, as a user gives one; it
// reports false for anything else and for a date pledge does not take (a
// day that does not exist, a year outside MinYear to next year).
func ParseISODate(s string) (Date, bool) {
	m := isoDateRe.FindStringSubmatch(s)
	if m == nil {
		return Date{}, false
	}
	d := Date{atoi(m[1]), atoi(m[2]), atoi(m[3])}
	return d, d.valid()
}

// NameDate returns the date a file's name starts with (2019-03-05_talks.txt,
// 20190305.txt) as a hint, or a zero hint when it starts with none.
func NameDate(name string) DateHint {
	m := nameDateRe.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return DateHint{}
	}
	d := Date{atoi(m[1]), atoi(m[2]), atoi(m[3])}
	if !d.valid() {
		return DateHint{}
	}
	return DateHint{d, "the file name"}
}

var yearRe = regexp.MustCompile(`(\d{4})年`)

// monthDayRe is a month and day without a year (3月20日), as a visit
// paragraph may date a visit.
var monthDayRe = regexp.MustCompile(`(` + cnSmall + `|\d{1,2})月(` + cnSmall + `|\d{1,2})日`)

func indexDates(paras []paragraph, hint DateHint) *dateIndex {
	x := &dateIndex{byDay: map[[2]int][][2]int{}, years: make([][]int, len(paras)), hint: hint}
	stamp := -1 // the last feed stamp, and its item's head lines since
	for i, p := range paras {
		if p.role == RoleFeedStamp {
			stamp = i
		} else if stamp >= 0 && (utf8.RuneCountInString(p.s) > 40 || strings.Contains(p.s, "。")) && !datelinePrefixRe.MatchString(p.s) {
			stamp = -1
		}
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
				if y := atoi(m[1]); y >= 1900 && y <= 2100 {
					x.years[i] = append(x.years[i], y)
				}
			}
		}
		// A report that opens after a feed's stamp and its headline is the
		// stamp's own item: the stamp dates it.
		if p.role != RoleDateLine && p.role != RoleDateline && datelinePrefixRe.MatchString(p.s) && stamp < 0 {
			x.leads = append(x.leads, i)
		}
		if datelinePrefixRe.MatchString(p.s) {
			stamp = -1
		}
		// A newspaper page's date (2019年6月14日 星期五) is no signing date,
		// but it gives the year of the datelines under it.
		pageDate := p.role == RoleHeading && weekdayRe.MatchString(p.s)
		// A report's lead that tells of a visit (新华社……电 应……邀请，……于
		// 2025年5月8日至11日……访问) dates its own dateline.
		visitLead := datelinePrefixRe.MatchString(p.s) && p.tellsOfVisit()
		if p.role == RoleFeedStamp || p.role == RoleDateLine || p.role == RoleVisit || pageDate || visitLead {
			if d, ok := ParseDate(p.s); ok {
				x.anchors = append(x.anchors, anchor{i, d})
			}
		}
	}
	return x
}

// datelineDate completes the month and day of the dateline at paragraph at
// with a year from the stretch of the document that holds its statement
// and no other (own; near, the statement itself), or from those of
// statements with the same parties (kin says whether a paragraph is in
// one), and says whether the year came from the hint.
// Without one (or for 2月29日 in a year that has none) the date is
// unknown, not guessed.
func (x *dateIndex) datelineDate(own, near [2]int, kin func(para int) bool, at, month, day int) (Date, bool) {
	year, fromHint := x.inferYear(own, near, kin, at, month, day)
	d := Date{year, month, day}
	if !d.valid() {
		return Date{}, false
	}
	return d, fromHint
}

// inferYear supplies the year a dateline at paragraph at leaves out, from
// the stretch [lo, hi) of the document that holds its statement: the
// dates of another statement in the same file are not its own. In order
// of trust:
//   - a full date with the same month and day, the nearest winning;
//   - the nearest date of the document itself before the dateline: a news
//     feed's timestamp, a date line or a visit paragraph, taking the year
//     that puts the dateline closest to it (a feed item of 2 January may
//     carry a dateline of 30 December);
//   - the hint the caller gave (the file's name, --date);
//   - a full date of that day in the stretch of a statement of the same
//     parties, as a page that prints two statements signed on one visit
//     has (seed 002);
//   - the year the statement itself (near) mentions most often.
func (x *dateIndex) inferYear(own, near [2]int, kin func(para int) bool, at, month, day int) (year int, fromHint bool) {
	same := x.byDay[[2]int{month, day}]
	// nearest is the full date of that day nearest the dateline within r,
	// or -1.
	nearest := func(in func(para int) bool) int {
		best := -1
		for j, e := range same {
			if in(e[0]) && (best < 0 || abs(e[0]-at) < abs(same[best][0]-at)) {
				best = j
			}
		}
		return best
	}
	if j := nearest(func(p int) bool { return p >= own[0] && p < own[1] }); j >= 0 {
		return same[j][1], false
	}
	k, _ := slices.BinarySearchFunc(x.anchors, at, func(a anchor, t int) int { return a.para - t })
	if k < len(x.anchors) && x.anchors[k].para == at {
		return closestYear(x.anchors[k].date, month, day), false // the dateline's own paragraph
	}
	if k > 0 && x.anchors[k-1].para >= own[0] && !x.reportBetween(x.anchors[k-1].para, at) {
		return closestYear(x.anchors[k-1].date, month, day), false
	}
	if !x.hint.Date.IsZero() {
		return closestYear(x.hint.Date, month, day), true
	}
	// The same day in another statement of the same parties in the file:
	// two statements signed on one visit, printed on one page (seed 002).
	if j := nearest(kin); j >= 0 {
		return same[j][1], false
	}
	counts := map[int]int{}
	most := 0
	for i := max(near[0], 0); i < near[1] && i < len(x.years); i++ {
		for _, y := range x.years[i] {
			counts[y]++
			if n := counts[y]; n > counts[most] || n == counts[most] && y > most {
				most = y
			}
		}
	}
	return most, false
}

// reportBetween reports whether a news report opens after paragraph from,
// and not right after it, and at or before paragraph at: a dateline there
// belongs to that report, not to what dates the text at from (a feed's
// timestamp dates the report right after it).
func (x *dateIndex) reportBetween(from, at int) bool {
	k, _ := slices.BinarySearch(x.leads, at+1)
	return k > 0 && x.leads[k-1] > from+1
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
